using Microsoft.AspNetCore.Http;

namespace ConsentKit.Configuration;

/// <summary>
/// Configures ConsentKit: the consent categories, the services and cookies behind them,
/// the consent cookie, the banner texts and the decision endpoint.
/// Bound from the <c>ConsentKit</c> configuration section by <c>AddConsentKit()</c>.
/// </summary>
public sealed class ConsentKitOptions
{
    /// <summary>The configuration section that <c>AddConsentKit()</c> binds.</summary>
    public const string SectionName = "ConsentKit";

    /// <summary>
    /// Gets or sets the revision of the cookie policy. Increase it whenever the policy changes
    /// in a way visitors must agree to again: every earlier decision then counts as "not decided".
    /// </summary>
    /// <value>Defaults to <c>1</c>.</value>
    public int Revision { get; set; } = 1;

    /// <summary>Gets or sets the URL of the site's privacy or cookie policy, linked from the banner.</summary>
    /// <value>Defaults to <see langword="null"/> (no link).</value>
    public string? PrivacyPolicyUrl { get; set; }

    /// <summary>Gets the consent categories, in the order the banner shows them.</summary>
    public IList<ConsentCategoryOptions> Categories { get; } = new List<ConsentCategoryOptions>();

    /// <summary>Gets the services (third parties or first-party features) that set cookies, each in one category.</summary>
    public IList<ConsentServiceOptions> Services { get; } = new List<ConsentServiceOptions>();

    /// <summary>Gets the settings of the cookie that stores the visitor's decision.</summary>
    public ConsentCookieOptions Cookie { get; } = new();

    /// <summary>Gets the settings of the consent records kept for each decision (<c>ConsentKit:Records</c>).</summary>
    public ConsentRecordOptions Records { get; } = new();

    /// <summary>
    /// Gets the site's own texts in <see cref="DefaultLanguage"/>; any text left out uses the built-in one.
    /// </summary>
    public ConsentTexts Texts { get; } = new();

    /// <summary>
    /// Gets the site's own texts in other languages, keyed by culture name (<c>fr</c>, <c>fr-CA</c>). They override
    /// the built-in translations. The visitor's language is the request culture (<c>UseRequestLocalization()</c>),
    /// looked up from the specific culture to its parent (<c>fr-CA</c>, then <c>fr</c>) and then <see cref="DefaultLanguage"/>.
    /// </summary>
    public IDictionary<string, ConsentTexts> Translations { get; } = new Dictionary<string, ConsentTexts>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the language of <see cref="Texts"/> and of the category titles, used when the visitor's language has no texts.</summary>
    /// <value>Defaults to <c>en</c>.</value>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>
    /// Gets or sets how optional categories behave before the visitor decides: off until granted
    /// (<see cref="ConsentMode.OptIn"/>, GDPR and ePrivacy) or on until refused (<see cref="ConsentMode.OptOut"/>,
    /// for example some US states). <see cref="ModeSelector"/> can choose per request.
    /// </summary>
    /// <value>Defaults to <see cref="ConsentMode.OptIn"/>.</value>
    public ConsentMode Mode { get; set; } = ConsentMode.OptIn;

    /// <summary>
    /// Gets or sets a delegate that chooses the mode of each request, for example from a country header
    /// set by the CDN. Code only; when <see langword="null"/>, <see cref="Mode"/> applies to every request.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public Func<HttpContext, ConsentMode>? ModeSelector { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a <c>Sec-GPC: 1</c> request header (Global Privacy Control)
    /// counts as an opt-out of the categories that honour it (see <see cref="ConsentCategoryOptions.HonorGlobalPrivacyControl"/>).
    /// </summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool GlobalPrivacyControl { get; set; } = true;

    /// <summary>Gets or sets what the cookie gate does with a cookie that no service declares.</summary>
    /// <value>Defaults to <see cref="UndeclaredCookiePolicy.Allow"/> (with a warning once per cookie name in Development).</value>
    public UndeclaredCookiePolicy UndeclaredCookies { get; set; } = UndeclaredCookiePolicy.Allow;

    /// <summary>
    /// Gets the name prefixes of cookies that are treated as necessary without being declared:
    /// ASP.NET Core's own antiforgery, session, TempData and authentication cookies by default.
    /// </summary>
    public IList<string> NecessaryCookiePrefixes { get; } = new List<string> { ".AspNetCore." };

    /// <summary>Gets the banner's layout and theme.</summary>
    public BannerAppearanceOptions Appearance { get; } = new();

    /// <summary>Gets where ConsentKit finds the Content Security Policy nonce of a request.</summary>
    public ContentSecurityPolicyOptions ContentSecurityPolicy { get; } = new();

    /// <summary>Gets the mapping of categories to Google Consent Mode v2 types, used by <c>&lt;google-consent-mode /&gt;</c>.</summary>
    public GoogleConsentModeOptions GoogleConsentMode { get; } = new();

    /// <summary>
    /// Gets or sets a value indicating whether every post to ConsentKit needs an ASP.NET Core antiforgery token.
    /// By default a browser's Fetch Metadata (<c>Sec-Fetch-Site: same-origin</c>, which pages cannot forge) is
    /// proof enough, and only browsers without it get, and must send back, a token.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool AlwaysRequireAntiforgeryToken { get; set; }

    /// <summary>Gets or sets the path of the endpoint that <c>MapConsentKit()</c> maps for decisions.</summary>
    /// <value>Defaults to <c>/_consent</c>.</value>
    public PathString EndpointPath { get; set; } = new("/_consent");
}
