using ConsentKit.Configuration;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Http;

/// <summary>
/// Decides when ConsentKit's forms need an antiforgery token. Browsers with Fetch Metadata (every
/// current one) send <c>Sec-Fetch-Site</c> with every request, and pages cannot forge it: a post marked
/// <c>same-origin</c> comes from a page of this origin, which is what the token would prove. So a page
/// requested with Fetch Metadata gets forms without a token (no per-visitor secret in the HTML, no
/// antiforgery cookie before any choice, no cryptography per page view), and only requests without it
/// (older browsers) go through ASP.NET Core antiforgery.
/// </summary>
internal static class FetchMetadata
{
    private const string SiteHeader = "Sec-Fetch-Site";

    /// <summary>Gets whether forms rendered for this (page) request must carry an antiforgery token.</summary>
    public static bool FormsNeedAntiforgeryToken(HttpRequest request, ConsentKitOptions options) =>
        options.AlwaysRequireAntiforgeryToken || request.Headers[SiteHeader].Count == 0;

    /// <summary>Gets whether this (already same-origin checked) post must prove itself with an antiforgery token.</summary>
    public static bool NeedsAntiforgeryToken(HttpRequest request, ConsentKitOptions options) =>
        options.AlwaysRequireAntiforgeryToken || request.Headers[SiteHeader] != "same-origin";
}
