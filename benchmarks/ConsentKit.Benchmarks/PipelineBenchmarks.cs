using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Benchmarks;

/// <summary>
/// One request through three pipelines that differ only in their consent middleware: none (the baseline),
/// ASP.NET Core's <c>UseCookiePolicy</c> (CheckConsentNeeded = true) and <c>UseConsentKit()</c>.
/// The page asks about consent once (cookie policy: <c>ITrackingConsentFeature.CanTrack</c>; ConsentKit:
/// <c>IsGranted("analytics")</c>); the static file is served after the consent middleware and asks nothing.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private BenchmarkHost _host = default!;
    private InProcessServer _bare = default!;
    private InProcessServer _cookiePolicy = default!;
    private InProcessServer _consentKit = default!;
    private InProcessServer.Request _request = default!;

    /// <summary>Gets or sets who visits what.</summary>
    [Params(Visitor.NoConsentCookie, Visitor.ValidConsentCookie, Visitor.StaticFile)]
    public Visitor Visitor { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchmarkHost();
        _bare = new InProcessServer(_host.BuildPipeline(ConsentVariant.None), _host.Services);
        _cookiePolicy = new InProcessServer(_host.BuildPipeline(ConsentVariant.CookiePolicy), _host.Services);
        _consentKit = new InProcessServer(_host.BuildPipeline(ConsentVariant.ConsentKit), _host.Services);

        // Every pipeline gets the same Cookie header: both consent cookies, so each middleware finds its own.
        _request = Visitor switch
        {
            Visitor.NoConsentCookie => new("GET", "/"),
            Visitor.ValidConsentCookie => new("GET", "/", $".AspNet.Consent=yes; {_host.CookieName}={_host.NewConsentCookieValue()}"),
            _ => new("GET", BenchmarkHost.StaticFilePath),
        };

        // Fail fast if a pipeline does not do what this benchmark says it does.
        Check(_bare, null);
        Check(_cookiePolicy, Visitor == Visitor.ValidConsentCookie ? "on" : "off");
        Check(_consentKit, Visitor == Visitor.ValidConsentCookie ? "on" : "off");
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "bare pipeline")]
    public Task Bare() => _bare.SendAsync(_request);

    [Benchmark(Description = "UseCookiePolicy")]
    public Task CookiePolicy() => _cookiePolicy.SendAsync(_request);

    [Benchmark(Description = "UseConsentKit")]
    public Task ConsentKit() => _consentKit.SendAsync(_request);

    private void Check(InProcessServer server, string? expectedAnalytics)
    {
        server.SendAsync(_request).GetAwaiter().GetResult();
        var isStatic = Visitor == Visitor.StaticFile;
        var contentType = server.ResponseHeaders.ContentType.ToString();
        if (server.StatusCode != StatusCodes.Status200OK || (isStatic ? contentType != "text/css" : !contentType.StartsWith("text/html", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{Visitor}: unexpected response {server.StatusCode} {contentType}");
        }

        var analytics = server.ResponseHeaders["X-Analytics"].ToString();
        if (!isStatic && expectedAnalytics is not null && analytics != expectedAnalytics)
        {
            throw new InvalidOperationException($"{Visitor}: analytics is '{analytics}', expected '{expectedAnalytics}'");
        }
    }
}

/// <summary>The request of <see cref="PipelineBenchmarks"/>.</summary>
public enum Visitor
{
    /// <summary>A first-time visitor: no consent cookie; the page asks about consent once.</summary>
    NoConsentCookie,

    /// <summary>A visitor who decided (analytics granted): a valid consent cookie; the page asks about consent once.</summary>
    ValidConsentCookie,

    /// <summary>A static file (text/css) served behind the consent middleware; nothing asks about consent.</summary>
    StaticFile,
}
