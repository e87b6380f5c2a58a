using System.Security.Cryptography;
using ConsentKit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Consent;

/// <summary>
/// The consent of one request. The cookie is decoded on first use only, so a request that never
/// asks about consent pays nothing for it. Also answers ASP.NET Core's <see cref="ITrackingConsentFeature"/>:
/// consent to track means every optional category is granted.
/// </summary>
internal sealed class ConsentFeature : IConsentFeature, ITrackingConsentFeature
{
    private readonly HttpContext _context;
    private readonly ConsentKitServices _services;
    private ConsentDecision? _decision;
    private bool _loaded;

    public ConsentFeature(HttpContext context, ConsentKitServices services)
    {
        _context = context;
        _services = services;
    }

    public bool HasDecided => Decision is not null;

    public string? ConsentId => Decision?.ConsentId;

    public int? Revision => Decision?.Revision;

    public DateTimeOffset? DecidedAt => Decision?.DecidedAt;

    public IReadOnlyList<string> GrantedCategories => _services.Policy.KeysOf(GrantedMask);

    /// <summary>Gets the granted categories as a bit mask: the required ones until the visitor decides.</summary>
    internal ulong GrantedMask => Decision?.GrantedMask ?? _services.Policy.RequiredMask;

    internal ConsentDecision? Decision
    {
        get
        {
            if (!_loaded)
            {
                _decision = Load();
                _loaded = true;
            }

            return _decision;
        }
    }

    public bool IsGranted(string category)
    {
        if (!_services.Policy.TryGetCategory(category, out var found))
        {
            return false;
        }

        return found.Required || (GrantedMask & found.Bit) != 0;
    }

    /// <summary>Records a new decision for this visitor: writes the cookie and makes the rest of the request see it.</summary>
    internal ConsentDecision Decide(ulong grantedMask)
    {
        var policy = _services.Policy;
        var decision = new ConsentDecision(
            Decision?.ConsentId ?? NewConsentId(),
            policy.Revision,
            DateTimeOffset.FromUnixTimeSeconds(_services.Time.GetUtcNow().ToUnixTimeSeconds()),
            (grantedMask & policy.AllMask) | policy.RequiredMask);

        _context.Response.Cookies.Append(policy.Options.Cookie.Name, _services.Codec.Encode(decision), CreateCookieOptions());
        _decision = decision;
        _loaded = true;
        return decision;
    }

    private ConsentDecision? Load()
    {
        var name = _services.Policy.Options.Cookie.Name;
        var value = _context.Request.Cookies[name];
        var decision = _services.Codec.Decode(value, out var problem);
        if (problem is not ConsentCookieProblem.None and not ConsentCookieProblem.Missing)
        {
            ConsentKitLog.ConsentCookieIgnored(_services.Logger, name, problem);
        }

        return decision;
    }

    private CookieOptions CreateCookieOptions()
    {
        var cookie = _services.Policy.Options.Cookie;
        return new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true, // storing the answer to the consent question needs no consent
            MaxAge = cookie.Lifetime,
            Path = cookie.Path,
            Domain = cookie.Domain,
            SameSite = cookie.SameSite,
            Secure = cookie.Secure switch
            {
                CookieSecurePolicy.Always => true,
                CookieSecurePolicy.None => false,
                _ => _context.Request.IsHttps,
            },
        };
    }

    private static string NewConsentId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    // ITrackingConsentFeature: "consent to track" means every optional category is granted.
    bool ITrackingConsentFeature.IsConsentNeeded => _services.Policy.OptionalMask != 0;

    bool ITrackingConsentFeature.HasConsent => HasDecided && (GrantedMask & _services.Policy.OptionalMask) == _services.Policy.OptionalMask;

    bool ITrackingConsentFeature.CanTrack =>
        !((ITrackingConsentFeature)this).IsConsentNeeded || ((ITrackingConsentFeature)this).HasConsent;

    void ITrackingConsentFeature.GrantConsent() => DecideAndRecord(_services.Policy.AllMask, ConsentAction.AcceptAll);

    void ITrackingConsentFeature.WithdrawConsent() => DecideAndRecord(_services.Policy.RequiredMask, ConsentAction.RejectAll);

    // The synchronous API cannot wait for the database: its record goes to the durable outbox, replayed into the store.
    private void DecideAndRecord(ulong grantedMask, ConsentAction action)
    {
        var previous = Decision;
        var decision = Decide(grantedMask);
        _context.RequestServices?.GetService<ConsentRecorder>()?.RecordToOutbox(_context, previous, decision, action);
    }

    string ITrackingConsentFeature.CreateConsentCookie()
    {
        var decision = new ConsentDecision(
            Decision?.ConsentId ?? NewConsentId(),
            _services.Policy.Revision,
            DateTimeOffset.FromUnixTimeSeconds(_services.Time.GetUtcNow().ToUnixTimeSeconds()),
            _services.Policy.AllMask);
        var options = CreateCookieOptions();
        return options.CreateCookieHeader(_services.Policy.Options.Cookie.Name, Uri.EscapeDataString(_services.Codec.Encode(decision))).ToString();
    }
}
