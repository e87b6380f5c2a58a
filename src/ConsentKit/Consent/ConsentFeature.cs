using System.Security.Cryptography;
using ConsentKit.Configuration;
using ConsentKit.Http;
using ConsentKit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Consent;

/// <summary>
/// The consent of one request. The cookie is decoded on first use only, so a request that never
/// asks about consent pays nothing for it. Also answers ASP.NET Core's <see cref="ITrackingConsentFeature"/>:
/// consent to track means every optional category is granted.
/// </summary>
internal sealed class ConsentFeature : IConsentFeature, ITrackingConsentFeature
{
    private readonly ConsentKitServices _services;
    private ConsentDecision? _decision;
    private bool _loaded;
    private ConsentMode? _mode;

    public ConsentFeature(HttpContext context, ConsentKitServices services)
    {
        Context = context;
        _services = services;
    }

    public bool HasDecided => Decision is not null;

    public string? ConsentId => Decision?.ConsentId;

    public int? Revision => Decision?.Revision;

    public DateTimeOffset? DecidedAt => Decision?.DecidedAt;

    public IReadOnlyList<string> GrantedCategories => _services.Policy.KeysOf(GrantedMask);

    internal HttpContext Context { get; }

    internal ConsentKitServices Services => _services;

    /// <summary>Gets a value indicating whether anything read the consent state before the response started.</summary>
    internal bool WasQueried { get; private set; }

    /// <summary>Gets the mode of this request: opt-in unless the selector or the configuration says opt-out.</summary>
    internal ConsentMode Mode => _mode ??= _services.Policy.Options.ModeSelector?.Invoke(Context) ?? _services.Policy.Options.Mode;

    /// <summary>Gets a value indicating whether the request carries a Global Privacy Control signal that ConsentKit honours.</summary>
    internal bool HasGlobalPrivacyControl =>
        _services.Policy.Options.GlobalPrivacyControl
        && _services.Policy.GlobalPrivacyControlMask != 0
        && Context.Request.Headers["Sec-GPC"] == "1";

    /// <summary>Gets the granted categories as a bit mask; before a decision, what the mode grants by default.</summary>
    internal ulong GrantedMask => Decision?.GrantedMask ?? DefaultMask;

    /// <summary>Gets the services the visitor refused one by one (none before a decision).</summary>
    internal ulong DeniedServicesMask => Decision?.DeniedServicesMask ?? 0;

    /// <summary>Gets a short key of what the consent state makes a page render: decided or not, the granted categories, and whether forms carry a token.</summary>
    internal string StateKey =>
        (HasDecided ? "d" : "u") + GrantedMask.ToString("x", System.Globalization.CultureInfo.InvariantCulture)
        + "-" + DeniedServicesMask.ToString("x", System.Globalization.CultureInfo.InvariantCulture)
        + (FetchMetadata.FormsNeedAntiforgeryToken(Context.Request, _services.Policy.Options) ? "t" : "");

    internal ConsentDecision? Decision
    {
        get
        {
            WasQueried = true;
            if (!_loaded)
            {
                _decision = Load();
                _loaded = true;
            }

            return _decision;
        }
    }

    // Opt-in: only required categories. Opt-out: everything, less what a GPC signal refuses.
    private ulong DefaultMask
    {
        get
        {
            var policy = _services.Policy;
            if (Mode == ConsentMode.OptIn)
            {
                return policy.RequiredMask;
            }

            return HasGlobalPrivacyControl ? policy.AllMask & ~policy.GlobalPrivacyControlMask : policy.AllMask;
        }
    }

    public bool IsGranted(string category)
    {
        if (_services.Policy.TryGetCategory(category, out var found))
        {
            return found.Required || (GrantedMask & found.Bit) != 0;
        }

        // A service key: granted with its category, unless the visitor refused that service on its own.
        return _services.Policy.TryGetService(category, out var service, out var of)
            && (of.Required || (GrantedMask & of.Bit) != 0)
            && (DeniedServicesMask & service.Bit) == 0;
    }

    /// <summary>
    /// Records a new decision for this visitor: writes the cookie, expires the cookies of the categories
    /// it denies, and makes the rest of the request see it. Under a GPC signal, "accept all" leaves the
    /// categories that honour GPC off: those need an explicit, per-category grant.
    /// </summary>
    internal ConsentOutcome Decide(ConsentAction action, ulong requestedMask, ulong deniedServicesMask = 0)
    {
        var policy = _services.Policy;
        var previousMask = GrantedMask;
        var gpcApplied = action == ConsentAction.AcceptAll && HasGlobalPrivacyControl;
        var granted = ((gpcApplied ? requestedMask & ~policy.GlobalPrivacyControlMask : requestedMask) & policy.AllMask) | policy.RequiredMask;

        // Services can be refused one by one only inside a granted category that offers the choice.
        var deniedServices = 0UL;
        foreach (var category in policy.Categories)
        {
            if (category.HasServiceChoices && (granted & category.Bit) != 0)
            {
                deniedServices |= deniedServicesMask & category.ServicesMask;
            }
        }

        var decision = NewDecision(granted, deniedServices);

        Context.Response.Cookies.Append(policy.Options.Cookie.Name, _services.Codec.Encode(decision), CreateCookieOptions());
        DeniedCookieCleanup.ExpireDeniedCookies(Context, policy, granted, deniedServices, _services.Logger);
        _decision = decision;
        _loaded = true;
        return new ConsentOutcome(decision, action, previousMask, gpcApplied);
    }

    private ConsentDecision? Load()
    {
        var name = _services.Policy.Options.Cookie.Name;
        var value = ConsentCookieReader.Read(Context.Request, name, out var parsed);
        var decision = _services.Codec.Decode(value, parsed, out var problem);
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
                _ => Context.Request.IsHttps,
            },
        };
    }

    // The visitor keeps their consent id across changes of mind, so their records link up.
    private ConsentDecision NewDecision(ulong grantedMask, ulong deniedServicesMask) => new(
        Decision?.ConsentId ?? NewConsentId(),
        _services.Policy.Revision,
        DateTimeOffset.FromUnixTimeSeconds(_services.Time.GetUtcNow().ToUnixTimeSeconds()),
        grantedMask,
        deniedServicesMask);

    private static string NewConsentId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    // ITrackingConsentFeature: "consent to track" means every optional category is granted.
    bool ITrackingConsentFeature.IsConsentNeeded => _services.Policy.OptionalMask != 0;

    // In opt-out mode the optional categories are granted until refused, so consent holds before a decision too.
    bool ITrackingConsentFeature.HasConsent =>
        (HasDecided || Mode == ConsentMode.OptOut) && (GrantedMask & _services.Policy.OptionalMask) == _services.Policy.OptionalMask;

    bool ITrackingConsentFeature.CanTrack =>
        !((ITrackingConsentFeature)this).IsConsentNeeded || ((ITrackingConsentFeature)this).HasConsent;

    void ITrackingConsentFeature.GrantConsent() => DecideAndRecord(ConsentAction.AcceptAll, _services.Policy.AllMask);

    void ITrackingConsentFeature.WithdrawConsent() => DecideAndRecord(ConsentAction.RejectAll, _services.Policy.RequiredMask);

    // The synchronous API cannot wait for the database: its record goes to the durable outbox, replayed into the store.
    private void DecideAndRecord(ConsentAction action, ulong grantedMask)
    {
        var previous = Decision;
        var outcome = Decide(action, grantedMask);
        Context.RequestServices?.GetService<ConsentRecorder>()?.RecordToOutbox(Context, previous, outcome.Decision, outcome.RecordedAction);
    }

    string ITrackingConsentFeature.CreateConsentCookie()
    {
        var decision = NewDecision(_services.Policy.AllMask, deniedServicesMask: 0);
        var options = CreateCookieOptions();
        options.HttpOnly = false; // the header is for page script (document.cookie), and browsers drop HttpOnly cookies that script writes
        return options.CreateCookieHeader(_services.Policy.Options.Cookie.Name, Uri.EscapeDataString(_services.Codec.Encode(decision))).ToString();
    }
}
