using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Benchmarks;

/// <summary>
/// One request through three pipelines that differ only in their consent middleware: none (the baseline),
/// ASP.NET Core's <c>UseCookiePolicy</c> (CheckConsentNeeded = true) and <c>UseConsentKit()</c>.
/// The page asks about consent once (cookie policy: <c>ITrackingConsentFeature.CanTrack</c>; ConsentKit:
/// <c>IsGranted("analytics")</c>); the static file is served after the consent middleware and asks nothing.
/// Each pipeline runs in-process (<see cref="InProcessServer"/>: the pipeline alone, so the allocations are
/// exactly the middleware's) and served by Kestrel (<see cref="InMemoryTransport"/>: the real server around it).
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private BenchmarkHost _host = default!;
    private Func<Task> _bare = default!;
    private Func<Task> _cookiePolicy = default!;
    private Func<Task> _consentKit = default!;

    /// <summary>Gets or sets who visits what.</summary>
    [Params(Visitor.NoConsentCookie, Visitor.ValidConsentCookie, Visitor.StaticFile)]
    public Visitor Visitor { get; set; }

    /// <summary>Gets or sets what serves the pipelines.</summary>
    [Params(PipelineServer.InProcess, PipelineServer.Kestrel)]
    public PipelineServer Server { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = Server == PipelineServer.Kestrel ? BenchmarkHost.StartKestrelAsync().GetAwaiter().GetResult() : new BenchmarkHost();

        // Every pipeline gets the same Cookie header: both consent cookies, so each middleware finds its own.
        var (path, cookie) = Visitor switch
        {
            Visitor.NoConsentCookie => ("/", null),
            Visitor.ValidConsentCookie => ("/", $".AspNet.Consent=yes; {_host.CookieName}={_host.NewConsentCookieValue()}"),
            _ => (BenchmarkHost.StaticFilePath, (string?)null),
        };
        _bare = Connect(ConsentVariant.None, path, cookie);
        _cookiePolicy = Connect(ConsentVariant.CookiePolicy, path, cookie);
        _consentKit = Connect(ConsentVariant.ConsentKit, path, cookie);
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "bare pipeline")]
    public Task Bare() => _bare();

    [Benchmark(Description = "UseCookiePolicy")]
    public Task CookiePolicy() => _cookiePolicy();

    [Benchmark(Description = "UseConsentKit")]
    public Task ConsentKit() => _consentKit();

    // Sends the request once and checks the response (fail fast if a pipeline does not do what this benchmark
    // says it does), then returns what the benchmark runs.
    private Func<Task> Connect(ConsentVariant variant, string path, string? cookie)
    {
        int status;
        string contentType, analytics;
        Func<Task> send;
        if (Server == PipelineServer.Kestrel)
        {
            var connection = _host.Transport!.Connect(BenchmarkHost.PortOf(variant));
            var request = KestrelConnection.Get(path, cookie);
            var head = connection.SendForResponseAsync(request).GetAwaiter().GetResult();
            (status, contentType, analytics) = (head.StatusCode, head.Header("Content-Type"), head.Header("X-Analytics"));
            send = () => connection.SendAsync(request);
        }
        else
        {
            var server = new InProcessServer(_host.BuildPipeline(variant), _host.Services);
            var request = new InProcessServer.Request("GET", path, cookie);
            server.SendAsync(request).GetAwaiter().GetResult();
            (status, contentType, analytics) = (server.StatusCode, server.ResponseHeaders.ContentType.ToString(), server.ResponseHeaders["X-Analytics"].ToString());
            send = () => server.SendAsync(request);
        }

        var isStatic = Visitor == Visitor.StaticFile;
        if (status != StatusCodes.Status200OK || (isStatic ? contentType != "text/css" : !contentType.StartsWith("text/html", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{Visitor}, {variant}: unexpected response {status} {contentType}");
        }

        var expected = variant == ConsentVariant.None ? "off" : Visitor == Visitor.ValidConsentCookie ? "on" : "off";
        if (!isStatic && analytics != expected)
        {
            throw new InvalidOperationException($"{Visitor}, {variant}: analytics is '{analytics}', expected '{expected}'");
        }

        return send;
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

/// <summary>What serves the pipelines of <see cref="PipelineBenchmarks"/>.</summary>
public enum PipelineServer
{
    /// <summary><see cref="InProcessServer"/>: the pipeline alone, with server-like reuse of the request objects.</summary>
    InProcess,

    /// <summary>Kestrel on an in-memory transport: HTTP/1.1 bytes over a keep-alive connection.</summary>
    Kestrel,
}
