using ConsentKit.Configuration;
using ConsentKit.Consent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ConsentKit.Tests;

// The codec caches decoded cookies; these check that the cache never turns "undecided" into a grant.
public class ConsentCookieCodecCacheTests
{
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ConsentCookieCodec _codec;
    private readonly ConsentPolicy _policy;

    public ConsentCookieCodecCacheTests()
    {
        var options = new ConsentKitOptions();
        options.Categories.Add(new ConsentCategoryOptions { Key = "necessary", Required = true });
        options.Categories.Add(new ConsentCategoryOptions { Key = "analytics" });
        options.Cookie.Lifetime = TimeSpan.FromMinutes(10); // shorter than the cache's few minutes plus a step
        _policy = new ConsentPolicy(Options.Create(options));
        _codec = new ConsentCookieCodec(new EphemeralDataProtectionProvider(), _policy, _time);
    }

    [Fact]
    public void Decode_CachedCookiePastItsLifetime_IsExpired()
    {
        var decidedAt = _time.GetUtcNow() - TimeSpan.FromMinutes(9);
        var value = _codec.Encode(new ConsentDecision("id", _policy.Revision, decidedAt, _policy.AllMask));
        Assert.NotNull(_codec.Decode(value, out _)); // now cached

        _time.Now += TimeSpan.FromMinutes(2); // still cached, but the cookie's 10 minutes are over

        Assert.Null(_codec.Decode(value, out var problem));
        Assert.Equal(ConsentCookieProblem.Expired, problem);
    }

    [Fact]
    public void Decode_TamperedCopyOfCachedCookie_IsTampered()
    {
        var value = _codec.Encode(new ConsentDecision("id", _policy.Revision, _time.GetUtcNow(), _policy.AllMask));
        Assert.NotNull(_codec.Decode(value, out _)); // now cached
        var tampered = value[..^2] + (value.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");

        Assert.Null(_codec.Decode(tampered, out var problem));
        Assert.Equal(ConsentCookieProblem.Tampered, problem);
        Assert.Null(_codec.Decode(tampered, out _)); // and it stays refused
    }

    [Fact]
    public void Decode_SameCookieTwice_ReturnsTheSameDecision()
    {
        var value = _codec.Encode(new ConsentDecision("id", _policy.Revision, _time.GetUtcNow(), _policy.AllMask));

        var first = _codec.Decode(value, out _);
        var second = _codec.Decode(value, out var problem);

        Assert.Equal(ConsentCookieProblem.None, problem);
        Assert.Equal(first, second);
        Assert.Equal(_policy.AllMask, second!.GrantedMask);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
