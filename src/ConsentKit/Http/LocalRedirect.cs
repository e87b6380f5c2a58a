using Microsoft.AspNetCore.Http;

namespace ConsentKit.Http;

/// <summary>Chooses where a form post returns to: the given URL when it is local to this site, else the site's root.</summary>
internal static class LocalRedirect
{
    public static string Resolve(string? returnUrl, PathString pathBase) =>
        IsLocal(returnUrl) ? returnUrl! : (pathBase.HasValue ? pathBase.Value + "/" : "/");

    // Same rule as MVC's IUrlHelper.IsLocalUrl: "/path" yes; "//host", "/\host", absolute URLs and control characters no.
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        foreach (var c in url)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
