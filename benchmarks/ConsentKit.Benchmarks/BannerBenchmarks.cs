using BenchmarkDotNet.Attributes;
using ConsentKit.Consent;
using ConsentKit.TagHelpers;
using System.Text.Encodings.Web;
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
    private readonly CountingWriter _page = new();

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
        _prepared.NoteStylesheetLinkedInHead(); // as on the sample's pages: <consent-styles /> in head
        _ = _prepared.AntiforgeryToken;
        var html = RunTagHelper().GetAwaiter().GetResult().Content.GetContent();
        if (!html.Contains("id=\"consentkit\"", StringComparison.Ordinal) || html.Contains("data-state=\"decided\"", StringComparison.Ordinal) != Decided)
        {
            throw new InvalidOperationException("the banner did not render as expected");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "tag helper (new request)")]
    public async Task<long> TagHelper()
    {
        var output = await RunTagHelper();
        output.Content.WriteTo(_page, HtmlEncoder.Default); // as Razor writes it to the response: no copy of the banner
        return _page.Written;
    }

    private async Task<TagHelperOutput> RunTagHelper()
    {
        var context = NewRequest();
        var helper = new ConsentBannerTagHelper(_fileVersions) { ViewContext = new ViewContext { HttpContext = context } };
        var tagContext = new TagHelperContext(ConsentBannerTagHelper.TagName, [], new Dictionary<object, object>(), "ck");
        var output = new TagHelperOutput(ConsentBannerTagHelper.TagName, [], static (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        await helper.ProcessAsync(tagContext, output);
        return output;
    }

    [Benchmark(Description = "markup only")]
    public long Markup()
    {
        BannerMarkup.For(_prepared, BannerMarkup.ScriptPath).WriteTo(_page, HtmlEncoder.Default);
        return _page.Written;
    }

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

    /// <summary>Stands in for the response writer: counts what it is given, keeps nothing.</summary>
    private sealed class CountingWriter : TextWriter
    {
        public long Written { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => Written++;

        public override void Write(string? value) => Written += value?.Length ?? 0;

        public override void Write(char[] buffer, int index, int count) => Written += count;

        public override void Write(ReadOnlySpan<char> buffer) => Written += buffer.Length;
    }
}
