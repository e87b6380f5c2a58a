namespace ConsentKit.Configuration;

/// <summary>A service (a third party such as Hotjar, or a first-party feature) and the cookies it sets.</summary>
public sealed class ConsentServiceOptions
{
    /// <summary>
    /// Gets or sets the key that markup and code use for the service, for example <c>hotjar</c>: a category with
    /// several services lets the visitor refuse each of them, and <c>IsGranted("hotjar")</c> or
    /// <c>consent-category="hotjar"</c> then gate on that service alone.
    /// </summary>
    /// <value>Defaults to the name in lowercase, with every run of other characters turned into <c>-</c>.</value>
    public string? Key { get; set; }

    /// <summary>Gets or sets the name shown to visitors, for example <c>Hotjar</c>. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the key of the category the service belongs to. Required.</summary>
    public string Category { get; set; } = "";

    /// <summary>Gets or sets the company that provides the service.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Provider { get; set; }

    /// <summary>Gets or sets what the service is used for, in words a visitor understands.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Purpose { get; set; }

    /// <summary>Gets or sets the URL of the provider's privacy policy.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? PrivacyPolicyUrl { get; set; }

    /// <summary>Gets the cookies the service sets.</summary>
    public IList<ConsentCookieDeclaration> Cookies { get; } = new List<ConsentCookieDeclaration>();
}
