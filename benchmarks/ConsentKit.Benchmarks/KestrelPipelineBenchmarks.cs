using BenchmarkDotNet.Attributes;

namespace ConsentKit.Benchmarks;

/// <summary>
/// <see cref="PipelineBenchmarks"/> served by Kestrel: the same three pipelines and requests, sent as HTTP/1.1
/// bytes over a keep-alive connection of an in-memory transport, so each request also pays Kestrel's parsing,
/// its pooled request objects and header collections, the host's request handling and the response's bytes.
/// What a consent middleware adds here is what it adds on a real server, without the socket's noise.
/// </summary>
[MemoryDiagnoser]
public class KestrelPipelineBenchmarks
{
    private BenchmarkHost _host = default!;
    private KestrelConnection _bare = default!;
    private KestrelConnection _cookiePolicy = default!;
    private KestrelConnection _consentKit = default!;
    private byte[] _request = default!;

    /// <summary>Gets or sets who visits what.</summary>
    [Params(Visitor.NoConsentCookie, Visitor.ValidConsentCookie, Visitor.StaticFile)]
    public Visitor Visitor { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = BenchmarkHost.StartKestrelAsync().GetAwaiter().GetResult();
        _bare = _host.Transport!.Connect(BenchmarkHost.PortOf(ConsentVariant.None));
        _cookiePolicy = _host.Transport.Connect(BenchmarkHost.PortOf(ConsentVariant.CookiePolicy));
        _consentKit = _host.Transport.Connect(BenchmarkHost.PortOf(ConsentVariant.ConsentKit));

        // Every pipeline gets the same Cookie header: both consent cookies, so each middleware finds its own.
        _request = Visitor switch
        {
            Visitor.NoConsentCookie => KestrelConnection.Get("/", cookie: null),
            Visitor.ValidConsentCookie => KestrelConnection.Get("/", $".AspNet.Consent=yes; {_host.CookieName}={_host.NewConsentCookieValue()}"),
            _ => KestrelConnection.Get(BenchmarkHost.StaticFilePath, cookie: null),
        };

        // Fail fast if a pipeline does not do what this benchmark says it does.
        Check(_bare, null);
        Check(_cookiePolicy, Visitor == Visitor.ValidConsentCookie ? "on" : "off");
        Check(_consentKit, Visitor == Visitor.ValidConsentCookie ? "on" : "off");
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "bare pipeline")]
    public ValueTask<string?> Bare() => _bare.SendAsync(_request);

    [Benchmark(Description = "UseCookiePolicy")]
    public ValueTask<string?> CookiePolicy() => _cookiePolicy.SendAsync(_request);

    [Benchmark(Description = "UseConsentKit")]
    public ValueTask<string?> ConsentKit() => _consentKit.SendAsync(_request);

    private void Check(KestrelConnection connection, string? expectedAnalytics)
    {
        var head = connection.SendAsync(_request, keepHeaders: true).AsTask().GetAwaiter().GetResult()!;
        var isStatic = Visitor == Visitor.StaticFile;
        if (!head.StartsWith("HTTP/1.1 200", StringComparison.Ordinal)
            || !head.Contains(isStatic ? "\r\nContent-Type: text/css" : "\r\nContent-Type: text/html", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Visitor}: unexpected response {head}");
        }

        if (!isStatic && expectedAnalytics is not null && !head.Contains($"\r\nX-Analytics: {expectedAnalytics}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Visitor}: analytics is not '{expectedAnalytics}': {head}");
        }
    }
}
