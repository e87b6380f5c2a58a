using System.Globalization;
using ConsentKit.Consent;
using ConsentKit.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.TagHelpers;

/// <summary>What every ConsentKit tag helper needs to render for one request, looked up once per request.</summary>
internal sealed class ConsentRenderContext
{
    private static readonly object ItemKey = new();
    private string? _antiforgeryToken;
    private string? _returnUrl;
    private BufferedHtml? _preferencesHref;
    private StylesheetLink? _stylesheetLink;
    private BufferedHtml? _nonceAttribute;
    private TagHelperAttribute? _nonceTagAttribute;
    private bool _stylesheetLinked;
    private bool _stylesheetLinkedInHead;

    private ConsentRenderContext(HttpContext httpContext)
    {
        HttpContext = httpContext;
        Services = httpContext.RequestServices.GetRequiredService<ConsentKitServices>();
        Feature = httpContext.GetConsent() as ConsentFeature
            ?? throw new InvalidOperationException("The consent feature was replaced by another implementation; ConsentKit's tag helpers need the one set by UseConsentKit().");
        var culture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        Texts = Services.Texts.For(culture);
        var csp = Services.Policy.Options.ContentSecurityPolicy;
        var nonce = csp.NonceProvider?.Invoke(httpContext)
            ?? (csp.NonceItemKey is { } key ? httpContext.Items[key] as string : null);
        Nonce = string.IsNullOrEmpty(nonce) ? null : nonce; // an empty nonce="" would only add noise to every tag
        PreferencesRequested = PreferencesQuery.IsIn(httpContext.Request.QueryString.Value);
    }

    public HttpContext HttpContext { get; }

    public ConsentKitServices Services { get; }

    public ConsentPolicy Policy => Services.Policy;

    public ConsentFeature Feature { get; }

    public LocalizedTexts Texts { get; }

    /// <summary>Gets a value indicating whether consent records are kept (a store is registered), so the rights links make sense.</summary>
    public bool RecordsKept => HttpContext.RequestServices.GetService<Records.ConsentRecorder>()?.IsStoreRegistered == true;

    /// <summary>Gets the request's CSP nonce, or <see langword="null"/>.</summary>
    public string? Nonce { get; }

    /// <summary>Gets the request's CSP nonce as an attribute value, encoded once per request, or <see langword="null"/>.</summary>
    public BufferedHtml? NonceAttribute => Nonce is null ? null : _nonceAttribute ??= BufferedHtml.Text(Nonce);

    /// <summary>Gets the <c>nonce</c> attribute for this request's tags, made once (attributes are immutable), or <see langword="null"/>.</summary>
    public TagHelperAttribute? NonceTagAttribute => NonceAttribute is { } nonce ? _nonceTagAttribute ??= new TagHelperAttribute("nonce", nonce) : null;

    public string EndpointUrl => (HttpContext.Request.PathBase + Policy.Options.EndpointPath).Value!;

    /// <summary>Gets the page to come back to after a decision: this one, without the request for the preferences.</summary>
    /// <remarks>Escaped as in a URL (the query string already is): it ends up in a Location header, ASCII only.</remarks>
    public string ReturnUrl => _returnUrl ??=
        (HttpContext.Request.PathBase + HttpContext.Request.Path).ToUriComponent() + PreferencesQuery.Remove(HttpContext.Request.QueryString.Value);

    /// <summary>
    /// Gets a value indicating whether the visitor asked for the preferences (<c>?consentkit=preferences</c>, the
    /// target of "Customize" and "Cookie settings" on pages that do not carry them), so the banner shows them open.
    /// </summary>
    public bool PreferencesRequested { get; }

    /// <summary>
    /// Gets a value indicating whether the banner carries the preferences: while the visitor has not decided, and when
    /// they asked for them. Every other page carries only the control that brings them back, not 4–5 KB of markup the
    /// visitor opens once in a while.
    /// </summary>
    public bool PreferencesInline => !Feature.HasDecided || PreferencesRequested;

    /// <summary>
    /// Gets this page with the preferences open, encoded for an attribute once per request: the link of "Customize"
    /// and "Cookie settings" where they are not inline.
    /// </summary>
    public BufferedHtml PreferencesHref => _preferencesHref ??= BufferedHtml.Text(PreferencesQuery.Add(ReturnUrl) + "#" + BannerMarkup.PreferencesId);

    /// <summary>
    /// Gets the antiforgery token for ConsentKit's forms (issued, with its cookie, on first use), or
    /// <see langword="null"/> when the browser's Fetch Metadata will prove the origin of its posts instead.
    /// </summary>
    public string? AntiforgeryToken
    {
        get
        {
            if (_antiforgeryToken is null && Http.FetchMetadata.FormsNeedAntiforgeryToken(HttpContext.Request, Policy.Options))
            {
                _antiforgeryToken = IssueAntiforgeryToken();
            }

            return _antiforgeryToken;
        }
    }

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

    /// <summary>
    /// Returns <see langword="true"/> the first time the page needs ConsentKit's stylesheet, and notes that it is
    /// linked. The first element it styles links it, ahead of itself: a stylesheet linked in <c>body</c> only holds
    /// back the content after it, so styled markup above the banner (an embed placeholder, the cookie table) would
    /// otherwise paint unstyled, then move.
    /// </summary>
    public bool TakeStylesheetLink()
    {
        var take = !_stylesheetLinked;
        _stylesheetLinked = true;
        return take;
    }

    /// <summary>
    /// Returns <see langword="true"/> when the banner must link the stylesheet ahead of itself: unless <c>head</c> linked
    /// it. A placeholder that linked it already may come after the banner in the page: Razor renders a page's own
    /// content before its layout, where the banner usually is.
    /// </summary>
    public bool TakeStylesheetLinkForBanner()
    {
        _stylesheetLinked = true;
        return !_stylesheetLinkedInHead;
    }

    /// <summary>Notes that <c>&lt;consent-styles /&gt;</c> linked the stylesheet from <c>head</c>, ahead of everything else.</summary>
    public void NoteStylesheetLinkedInHead()
    {
        _stylesheetLinked = true;
        _stylesheetLinkedInHead = true;
    }

    /// <summary>Gets the link to ConsentKit's stylesheet, with its content hash when Razor's file version provider is there, and the nonce.</summary>
    public StylesheetLink StylesheetLink() => _stylesheetLink ??= BuildStylesheetLink(); // head and a placeholder may both link it

    private StylesheetLink BuildStylesheetLink()
    {
        var pathBase = HttpContext.Request.PathBase;
        var url = HttpContext.RequestServices.GetService<IFileVersionProvider>() is { } versions
            ? versions.AddFileVersionToPath(pathBase, BannerMarkup.StylesheetPath)
            : pathBase + BannerMarkup.StylesheetPath;
        return new StylesheetLink(HtmlWriter.Encode(url), NonceAttribute?.ToString());
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
