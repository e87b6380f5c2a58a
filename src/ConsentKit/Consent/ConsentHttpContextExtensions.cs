using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>Reaches the visitor's consent from an <see cref="HttpContext"/>.</summary>
public static class ConsentHttpContextExtensions
{
    /// <summary>Gets the visitor's consent for this request.</summary>
    /// <param name="context">The current request.</param>
    /// <returns>The consent feature set by <c>UseConsentKit()</c>.</returns>
    /// <exception cref="InvalidOperationException">The request did not pass through <c>UseConsentKit()</c>.</exception>
    public static IConsentFeature GetConsent(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features[typeof(IConsentFeature)] as IConsentFeature // not Get<T>: see ConsentKitMiddleware
            ?? throw new InvalidOperationException(
                "No consent feature is set on this request. Call app.UseConsentKit() before the middleware, endpoints or pages that ask about consent.");
    }
}
