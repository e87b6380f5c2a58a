using ConsentKit;
using ConsentKit.Http;
using Microsoft.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Gates endpoints on the visitor's consent.</summary>
public static class ConsentKitEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Runs the endpoint only when the visitor granted <paramref name="category"/>; otherwise the endpoint
    /// does nothing and answers <paramref name="statusCode"/> (a problem-details body unless it is 204).
    /// For server-side tracking: analytics calls, beacons, pixels.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint, or group of endpoints, to gate.</param>
    /// <param name="category">The category key, for example <c>analytics</c>.</param>
    /// <param name="statusCode">The status answered without consent. Defaults to 403.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireConsent<TBuilder>(this TBuilder builder, string category, int statusCode = StatusCodes.Status403Forbidden)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        builder.WithMetadata(new RequiresConsentAttribute(category) { StatusCode = statusCode });
        return builder.AddEndpointFilter(async (context, next) =>
            ConsentRequirement.IsMet(context.HttpContext, category)
                ? await next(context)
                : ConsentRequirement.Refusal(context.HttpContext, category, statusCode));
    }
}
