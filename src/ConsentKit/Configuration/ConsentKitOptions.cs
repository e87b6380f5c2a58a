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

    /// <summary>Gets the texts shown to visitors.</summary>
    public ConsentTexts Texts { get; } = new();

    /// <summary>Gets or sets the path of the endpoint that <c>MapConsentKit()</c> maps for decisions.</summary>
    /// <value>Defaults to <c>/_consent</c>.</value>
    public PathString EndpointPath { get; set; } = new("/_consent");
}
