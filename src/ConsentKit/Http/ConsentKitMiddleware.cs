using ConsentKit.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConsentKit.Http;

/// <summary>
/// Puts the visitor's consent on <see cref="HttpContext.Features"/> as <see cref="IConsentFeature"/>
/// and <see cref="ITrackingConsentFeature"/>, and lets the cookie gate check the response's cookies
/// as it starts. The consent cookie itself is read on first use.
/// </summary>
internal sealed class ConsentKitMiddleware(RequestDelegate next, ConsentKitServices services)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = new ConsentFeature(context, services);
        // The indexer rather than Set<T>: a generic interface method costs a dispatch lookup on every request.
        context.Features[typeof(IConsentFeature)] = feature;
        context.Features[typeof(ITrackingConsentFeature)] = feature;
        context.Response.OnStarting(CookieGate.OnStarting, feature);
        return next(context);
    }
}
