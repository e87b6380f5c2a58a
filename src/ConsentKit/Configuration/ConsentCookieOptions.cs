using Microsoft.AspNetCore.Http;

namespace ConsentKit.Configuration;

/// <summary>Settings of the cookie that stores the visitor's consent decision.</summary>
public sealed class ConsentCookieOptions
{
    /// <summary>The longest lifetime allowed: 13 months, the maximum European regulators accept for a consent cookie.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(395);

    /// <summary>Gets or sets the cookie name.</summary>
    /// <value>Defaults to <c>.ConsentKit</c>.</value>
    public string Name { get; set; } = ".ConsentKit";

    /// <summary>Gets or sets how long a decision is kept before the visitor is asked again.</summary>
    /// <value>Defaults to 182 days (six months); at most 395 days.</value>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(182);

    /// <summary>Gets or sets the cookie's SameSite attribute.</summary>
    /// <value>Defaults to <see cref="SameSiteMode.Lax"/>.</value>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>Gets or sets when the cookie is marked Secure.</summary>
    /// <value>Defaults to <see cref="CookieSecurePolicy.SameAsRequest"/>.</value>
    public CookieSecurePolicy Secure { get; set; } = CookieSecurePolicy.SameAsRequest;

    /// <summary>Gets or sets the cookie's domain, to share the decision with subdomains.</summary>
    /// <value>Defaults to <see langword="null"/> (the host of the request).</value>
    public string? Domain { get; set; }

    /// <summary>Gets or sets the cookie's path.</summary>
    /// <value>Defaults to <c>/</c>.</value>
    public string Path { get; set; } = "/";
}
