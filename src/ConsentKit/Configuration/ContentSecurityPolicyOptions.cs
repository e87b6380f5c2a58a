using Microsoft.AspNetCore.Http;

namespace ConsentKit.Configuration;

/// <summary>
/// Where ConsentKit finds the request's Content Security Policy nonce, which it puts on every script and
/// stylesheet it emits. ConsentKit's markup has no inline event handlers and no <c>style</c> attributes.
/// </summary>
public sealed class ContentSecurityPolicyOptions
{
    /// <summary>
    /// Gets or sets the key under which the application stores the nonce in <see cref="HttpContext.Items"/>
    /// (for example the key used by a security-headers middleware).
    /// </summary>
    /// <value>Defaults to <see langword="null"/> (no nonce).</value>
    public string? NonceItemKey { get; set; }

    /// <summary>Gets or sets a delegate that returns the request's nonce. Code only; takes precedence over <see cref="NonceItemKey"/>.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public Func<HttpContext, string?>? NonceProvider { get; set; }
}
