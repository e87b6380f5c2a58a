using BenchmarkDotNet.Attributes;
using ConsentKit.Consent;
using ConsentKit.TagHelpers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Benchmarks;

/// <summary>
/// <c>&lt;consent-banner /&gt;</c> rendered for a new request each time, with the sample's configuration:
/// the whole tag helper (render context, antiforgery token for the form when the browser sends no Fetch Metadata,
/// asset URLs with their hash, markup),
/// and the markup alone (render context and antiforgery token made beforehand).
/// </summary>
[MemoryDiagnoser]
public class BannerBenchmarks
{
    private BenchmarkHost _host = default!;
    private IFileVersionProvider _fileVersions = default!;
    private ConsentKitServices _services = default!;
    private string _decidedCookie = default!;
    private ConsentRenderContext _prepared = default!;

    /// <summary>Gets or sets whether the visitor has decided (the banner is then collapsed into its settings control).</summary>
    [Params(false, true)]
    public bool Decided { get; set; }

    /// <summary>
    /// Gets or sets whether the request carries a current browser's Fetch Metadata (<c>Sec-Fetch-Site</c>):
    /// then the form needs no antiforgery token; without it (an older browser) one is issued per page.
    /// </summary>
    [Params(true, false)]
    public bool FetchMetadata { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchmarkHost();
        _services = _host.ConsentKitServices;
        _fileVersions = _host.Services.GetRequiredService<IFileVersionProvider>();
        _decidedCookie = $"{_host.CookieName}={_host.NewConsentCookieValue()}";
        _prepared = ConsentRenderContext.For(NewRequest());
        _ = _prepared.AntiforgeryToken;
        var html = TagHelper().GetAwaiter().GetResult();
        if (!html.Contains("id=\"consentkit\"", StringComparison.Ordinal) || html.Contains("data-state=\"decided\"", StringComparison.Ordinal) != Decided)
        {
            throw new InvalidOperationException("the banner did not render as expected");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "tag helper (new request)")]
    public async Task<string> TagHelper()
    {
        var context = NewRequest();
        var helper = new ConsentBannerTagHelper(_fileVersions) { ViewContext = new ViewContext { HttpContext = context } };
        var tagContext = new TagHelperContext(ConsentBannerTagHelper.TagName, [], new Dictionary<object, object>(), "ck");
        var output = new TagHelperOutput(ConsentBannerTagHelper.TagName, [], static (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        await helper.ProcessAsync(tagContext, output);
        return output.Content.GetContent();
    }

    [Benchmark(Description = "markup only")]
    public string Markup() => BannerMarkup.Render(_prepared, BannerMarkup.StylesheetPath, BannerMarkup.ScriptPath);

    private DefaultHttpContext NewRequest()
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1:5000");
        context.Request.Path = "/";
        context.Items["csp-nonce"] = "bm9uY2Vub25jZW5vbmNl";
        if (Decided)
        {
            context.Request.Headers.Cookie = _decidedCookie;
        }

        if (FetchMetadata)
        {
            context.Request.Headers["Sec-Fetch-Site"] = "same-origin";
        }

        var feature = new ConsentFeature(context, _services);
        context.Features.Set<IConsentFeature>(feature);
        context.Features.Set<ITrackingConsentFeature>(feature);
        return context;
    }
}
