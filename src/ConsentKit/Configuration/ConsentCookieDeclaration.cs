namespace ConsentKit.Configuration;

/// <summary>A cookie that a service sets, as declared to visitors.</summary>
public sealed class ConsentCookieDeclaration
{
    /// <summary>
    /// Gets or sets the cookie name, or a prefix pattern ending in <c>*</c> (for example <c>_hjSession_*</c>). Required.
    /// </summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets who sets the cookie.</summary>
    /// <value>Defaults to the service's provider.</value>
    public string? Provider { get; set; }

    /// <summary>Gets or sets what the cookie is used for.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Purpose { get; set; }

    /// <summary>Gets or sets how long the cookie lives, as shown to visitors (for example <c>6 months</c> or <c>Session</c>).</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Lifetime { get; set; }

    /// <summary>
    /// Gets the domains the cookie may be set on besides the request's host (for example <c>.example.com</c>
    /// for a parent-domain cookie), so that withdrawing consent expires it there too.
    /// </summary>
    public IList<string> Domains { get; } = new List<string>();

    /// <summary>Gets or sets the path the cookie is set on, used when expiring it.</summary>
    /// <value>Defaults to <c>/</c>.</value>
    public string Path { get; set; } = "/";
}
