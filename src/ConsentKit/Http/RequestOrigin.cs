using Microsoft.AspNetCore.Http;

namespace ConsentKit.Http;

/// <summary>Tells a same-origin request from a cross-site one, from the headers browsers send with every POST.</summary>
internal static class RequestOrigin
{
    public static bool IsSameOrigin(HttpRequest request)
    {
        // Browsers send Sec-Fetch-Site with every request; "none" means the visitor typed or bookmarked it.
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return false;
        }

        // Browsers send Origin with every POST; clients without it still face the antiforgery check.
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false; // includes "null", sent by sandboxed frames and privacy-sensitive redirects
        }

        var requestPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == requestPort;
    }
}
