using BenchmarkDotNet.Attributes;
using ConsentKit.Consent;

namespace ConsentKit.Benchmarks;

/// <summary>
/// The consent cookie: writing one (Data Protection protect + base64url) and reading one back, both the same
/// visitor's cookie again and again (a returning visitor's next pages) and a different visitor's cookie each time.
/// </summary>
[MemoryDiagnoser]
public class CookieCodecBenchmarks
{
    private const int DistinctVisitors = 4096;
    private BenchmarkHost _host = default!;
    private ConsentCookieCodec _codec = default!;
    private ConsentDecision _decision = default!;
    private string _value = default!;
    private string _tampered = default!;
    private string[] _distinct = default!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchmarkHost();
        _codec = _host.Codec;
        _value = _host.NewConsentCookieValue();
        _tampered = _value[..^4] + (_value.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        _decision = _codec.Decode(_value, out _) ?? throw new InvalidOperationException("the cookie does not decode");
        _distinct = new string[DistinctVisitors];
        for (var i = 0; i < _distinct.Length; i++)
        {
            _distinct[i] = _host.NewConsentCookieValue("visitor-" + i);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "write (encode)")]
    public string Write() => _codec.Encode(_decision);

    [Benchmark(Description = "read, same cookie again")]
    public object? ReadSame() => _codec.Decode(_value, out _);

    [Benchmark(Description = "read, another visitor's cookie each time")]
    public object? ReadDistinct()
    {
        var value = _distinct[_next];
        _next = (_next + 1) % DistinctVisitors;
        return _codec.Decode(value, out _);
    }

    [Benchmark(Description = "read, tampered cookie")]
    public object? ReadTampered() => _codec.Decode(_tampered, out _);
}
