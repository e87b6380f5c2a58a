using ConsentKit.Consent;
using Microsoft.AspNetCore.OutputCaching;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Makes ASP.NET Core output caching keep one copy per consent state.</summary>
public static class ConsentKitOutputCachePolicyExtensions
{
    /// <summary>
    /// Varies the cached response by the visitor's consent state (decided or not, and the granted
    /// categories), so a visitor never gets markup rendered for another visitor's choice. A page whose
    /// banner carries a per-visitor antiforgery token (for browsers without Fetch Metadata) is never stored.
    /// </summary>
    /// <param name="builder">The output cache policy.</param>
    /// <returns>The builder, for chaining.</returns>
    public static OutputCachePolicyBuilder VaryByConsent(this OutputCachePolicyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.VaryByValue(static context =>
            new KeyValuePair<string, string>("consentkit", context.Features.Get<ConsentKit.IConsentFeature>() is ConsentFeature feature ? feature.StateKey : "none"));
    }
}
