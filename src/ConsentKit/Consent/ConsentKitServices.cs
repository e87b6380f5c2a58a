using Microsoft.Extensions.Logging;

namespace ConsentKit.Consent;

/// <summary>The singletons a request needs, bundled so the per-request feature holds one reference.</summary>
internal sealed class ConsentKitServices(ConsentPolicy policy, ConsentCookieCodec codec, TimeProvider time, ILoggerFactory loggerFactory)
{
    public ConsentPolicy Policy { get; } = policy;

    public ConsentCookieCodec Codec { get; } = codec;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = loggerFactory.CreateLogger("ConsentKit");
}
