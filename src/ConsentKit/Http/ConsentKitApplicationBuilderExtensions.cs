using ConsentKit.Consent;
using ConsentKit.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds ConsentKit to the request pipeline.</summary>
public static class ConsentKitApplicationBuilderExtensions
{
    /// <summary>
    /// Makes the visitor's consent available to the rest of the pipeline as <c>IConsentFeature</c>
    /// (<c>HttpContext.GetConsent()</c>) and as ASP.NET Core's <c>ITrackingConsentFeature</c>.
    /// Place it before the pages, endpoints and middleware that ask about consent.
    /// </summary>
    /// <param name="app">The application's pipeline.</param>
    /// <returns>The same pipeline, for chaining.</returns>
    public static IApplicationBuilder UseConsentKit(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ConsentKitServicesGuard.EnsureAdded(app.ApplicationServices);
        return app.UseMiddleware<ConsentKitMiddleware>();
    }
}
