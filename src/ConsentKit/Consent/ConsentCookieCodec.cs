using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace ConsentKit.Consent;

/// <summary>
/// Turns a <see cref="ConsentDecision"/> into the consent cookie's value and back.
/// The value is <c>1.</c> (the format version) followed by the base64url form of a Data Protection
/// payload, so it is signed and encrypted with the application's keys and any instance sharing the
/// keys can read it. The protected payload is <c>consentId|revision|decidedAtUnixSeconds|key,key</c>, followed by
/// <c>|service,service</c> when the visitor refused services one by one.
/// Decoding never throws: anything unreadable, expired or from another policy revision is "undecided".
/// Unprotecting is the dominant cost of a request that reads the cookie, so a small bounded cache keeps the
/// decisions of recently seen cookie values (keyed by the whole value, for a few minutes, so a revoked key
/// stops being honoured soon); the expiry is still checked against the current time on every read.
/// </summary>
internal sealed class ConsentCookieCodec
{
    internal const string Purpose = "ConsentKit.ConsentCookie.v1";
    private const string VersionPrefix = "1.";
    private const int MaxCookieLength = 2048;

    // A decision dated this far in the future is refused: clocks of instances differ a little, not more.
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    // Bounded: at most this many cookie values (each at most MaxCookieLength chars); when full, it starts over.
    private const int MaxCachedDecisions = 1024;

    // How long a cookie value is trusted without unprotecting it again (key revocation takes effect within this).
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    // Only cookies that unprotected and parsed into a decision of the current revision are cached.
    private readonly ConcurrentDictionary<string, CachedDecision> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedDecision>.AlternateLookup<ReadOnlySpan<char>> _cacheBySpan;
    private int _cachedCount; // ConcurrentDictionary.Count takes every lock: counted here instead
    private readonly IDataProtector _protector;
    private readonly ConsentPolicy _policy;
    private readonly TimeProvider _time;

    public ConsentCookieCodec(IDataProtectionProvider dataProtection, ConsentPolicy policy, TimeProvider time)
    {
        _protector = dataProtection.CreateProtector(Purpose);
        _policy = policy;
        _time = time;
        _cacheBySpan = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Encode(ConsentDecision decision)
    {
        var payload = string.Join(
            '|',
            decision.ConsentId,
            decision.Revision.ToString(CultureInfo.InvariantCulture),
            decision.DecidedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            string.Join(',', _policy.KeysOf(decision.GrantedMask & _policy.OptionalMask)));
        if (decision.DeniedServicesMask != 0)
        {
            // A fifth part only when the visitor refused services one by one; four-part cookies stay valid.
            payload += "|" + string.Join(',', _policy.Categories.SelectMany(c => c.Services)
                .Where(service => (decision.DeniedServicesMask & service.Bit) != 0).Select(service => service.Key));
        }

        var protectedBytes = _protector.Protect(Encoding.UTF8.GetBytes(payload));
        return VersionPrefix + Base64Url.EncodeToString(protectedBytes);
    }

    /// <summary>Reads a cookie value; returns <see langword="null"/> with the reason when it does not hold a current decision.</summary>
    public ConsentDecision? Decode(string? value, out ConsentCookieProblem problem) => Decode(value.AsSpan(), value, out problem);

    /// <summary>
    /// Reads a cookie value given as characters (a slice of the <c>Cookie</c> header): a cached value costs no string.
    /// <paramref name="value"/> is the same value as a string, when the caller has one.
    /// </summary>
    public ConsentDecision? Decode(ReadOnlySpan<char> chars, string? value, out ConsentCookieProblem problem)
    {
        if (chars.IsEmpty)
        {
            problem = ConsentCookieProblem.Missing;
            return null;
        }

        if (chars.Length > MaxCookieLength || !chars.StartsWith(VersionPrefix, StringComparison.Ordinal))
        {
            problem = ConsentCookieProblem.Malformed;
            return null;
        }

        var now = _time.GetUtcNow();
        if (_cacheBySpan.TryGetValue(chars, out var cached) && now - cached.CachedAt < CacheLifetime && now >= cached.CachedAt)
        {
            return CheckTime(cached.Decision, now, out problem);
        }

        value ??= chars.ToString(); // not cached: the string is the cache key, and unprotecting costs far more
        var decision = Unprotect(value, out problem);
        if (decision is null)
        {
            return null;
        }

        if (Interlocked.Increment(ref _cachedCount) > MaxCachedDecisions)
        {
            _cache.Clear();
            Interlocked.Exchange(ref _cachedCount, 1);
        }

        _cache[value] = new CachedDecision(decision, now);
        return CheckTime(decision, now, out problem);
    }

    private ConsentDecision? CheckTime(ConsentDecision decision, DateTimeOffset now, out ConsentCookieProblem problem)
    {
        if (decision.DecidedAt > now + AllowedClockSkew || decision.DecidedAt + _policy.Options.Cookie.Lifetime <= now)
        {
            problem = ConsentCookieProblem.Expired;
            return null;
        }

        problem = ConsentCookieProblem.None;
        return decision;
    }

    // Unprotects and parses; the time checks are the caller's.
    private ConsentDecision? Unprotect(string value, out ConsentCookieProblem problem)
    {
        byte[] payload;
        try
        {
            var encoded = value.AsSpan(VersionPrefix.Length);
            var buffer = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
            // Not TryDecodeFromChars: it throws FormatException on characters outside the alphabet.
            if (Base64Url.DecodeFromChars(encoded, buffer, out _, out var written) != OperationStatus.Done)
            {
                problem = ConsentCookieProblem.Malformed;
                return null;
            }

            payload = _protector.Unprotect(buffer.AsSpan(0, written).ToArray());
        }
        catch (CryptographicException)
        {
            problem = ConsentCookieProblem.Tampered;
            return null;
        }

        return Parse(Encoding.UTF8.GetString(payload), out problem);
    }

    private ConsentDecision? Parse(string payload, out ConsentCookieProblem problem)
    {
        problem = ConsentCookieProblem.Malformed;
        var parts = payload.Split('|');
        if (parts.Length is not (4 or 5)
            || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds)
            || unixSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        if (revision != _policy.Revision)
        {
            problem = ConsentCookieProblem.OtherRevision;
            return null;
        }

        var decidedAt = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        var granted = _policy.RequiredMask;
        foreach (var range in parts[3].AsSpan().Split(','))
        {
            // Categories removed from the configuration since are simply not granted.
            if (_policy.TryGetCategory(parts[3][range], out var category))
            {
                granted |= category.Bit;
            }
        }

        var deniedServices = 0UL;
        if (parts.Length == 5)
        {
            foreach (var range in parts[4].AsSpan().Split(','))
            {
                // Services removed from the configuration since are simply not there to refuse.
                if (_policy.TryGetService(parts[4][range], out var service, out _))
                {
                    deniedServices |= service.Bit;
                }
            }
        }

        problem = ConsentCookieProblem.None;
        return new ConsentDecision(parts[0], revision, decidedAt, granted, deniedServices);
    }

    private sealed record CachedDecision(ConsentDecision Decision, DateTimeOffset CachedAt);
}
