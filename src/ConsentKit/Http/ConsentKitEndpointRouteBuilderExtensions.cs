using ConsentKit.Consent;
using ConsentKit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps ConsentKit's endpoints.</summary>
public static class ConsentKitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the decision endpoint (<c>POST</c> at <c>ConsentKit:EndpointPath</c>, <c>/_consent</c> by default)
    /// that the banner posts to, and the visitor's rights endpoints under it: <c>GET records</c> downloads the
    /// consent records of the visitor's consent id as JSON, <c>POST erase</c> erases them and clears the consent cookie, and <c>/.well-known/gpc.json</c>
    /// while Global Privacy Control is honoured.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>A builder to add conventions, such as rate limiting, to ConsentKit's endpoints.</returns>
    public static IEndpointConventionBuilder MapConsentKit(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = ConsentKitServicesGuard.EnsureAdded(endpoints.ServiceProvider);
        var group = endpoints.MapGroup(services.Policy.Options.EndpointPath.Value!);
        group.MapPost("", ConsentDecisionEndpoint.HandleAsync).WithDisplayName("ConsentKit decision");
        group.MapGet("/records", ConsentRecordsEndpoint.HandleAsync).WithDisplayName("ConsentKit records download");
        group.MapPost("/erase", ConsentEraseEndpoint.HandleAsync).WithDisplayName("ConsentKit records erasure");
        if (services.Policy.Options.GlobalPrivacyControl)
        {
            // Tells GPC-aware clients that this site honours the signal (https://privacycg.github.io/gpc-spec/).
            endpoints.MapGet("/.well-known/gpc.json", GlobalPrivacyControlEndpoint.HandleAsync).WithDisplayName("ConsentKit GPC support resource");
        }

        return group;
    }
}
