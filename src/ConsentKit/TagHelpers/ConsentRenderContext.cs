using System.Globalization;
using ConsentKit.Consent;
using ConsentKit.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.TagHelpers;

/// <summary>What every ConsentKit tag helper needs to render for one request, looked up once per request.</summary>
internal sealed class ConsentRenderContext
{
    private static readonly object ItemKey = new();
    private string? _antiforgeryToken;

    private ConsentRenderContext(HttpContext httpContext)
    {
        HttpContext = httpContext;
        Services = httpContext.RequestServices.GetRequiredService<ConsentKitServices>();
        Feature = httpContext.GetConsent() as ConsentFeature
            ?? throw new InvalidOperationException("The consent feature was replaced by another implementation; ConsentKit's tag helpers need the one set by UseConsentKit().");
        var culture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        Texts = Services.Texts.For(culture);
        var csp = Services.Policy.Options.ContentSecurityPolicy;
        Nonce = csp.NonceProvider?.Invoke(httpContext)
            ?? (csp.NonceItemKey is { } key ? httpContext.Items[key] as string : null);
    }

    public HttpContext HttpContext { get; }

    public ConsentKitServices Services { get; }

    public ConsentPolicy Policy => Services.Policy;

    public ConsentFeature Feature { get; }

    public LocalizedTexts Texts { get; }

    /// <summary>Gets the request's CSP nonce, or <see langword="null"/>.</summary>
    public string? Nonce { get; }

    public string EndpointUrl => (HttpContext.Request.PathBase + Policy.Options.EndpointPath).Value!;

    public string ReturnUrl => (HttpContext.Request.PathBase + HttpContext.Request.Path + HttpContext.Request.QueryString).ToString();

    /// <summary>Gets the antiforgery token for ConsentKit's forms (issued, with its cookie, on first use).</summary>
    public string? AntiforgeryToken => _antiforgeryToken ??= IssueAntiforgeryToken();

    // A page with a form that carries this visitor's token (the banner, an embed's placeholder) must not be
    // output-cached and served to anyone else: their post would fail antiforgery validation.
    private string? IssueAntiforgeryToken()
    {
        if (HttpContext.Features.Get<IOutputCacheFeature>() is { } outputCache)
        {
            outputCache.Context.AllowCacheStorage = false;
        }

        return HttpContext.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(HttpContext).RequestToken;
    }

    public static ConsentRenderContext For(HttpContext httpContext)
    {
        if (httpContext.Items.TryGetValue(ItemKey, out var existing) && existing is ConsentRenderContext context)
        {
            return context;
        }

        context = new ConsentRenderContext(httpContext);
        httpContext.Items[ItemKey] = context;
        return context;
    }
}
