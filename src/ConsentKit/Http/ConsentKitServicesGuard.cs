using ConsentKit.Consent;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Http;

/// <summary>Turns a missing <c>AddConsentKit()</c> into an error that says what to add.</summary>
internal static class ConsentKitServicesGuard
{
    public static ConsentKitServices EnsureAdded(IServiceProvider services) =>
        services.GetService<ConsentKitServices>()
        ?? throw new InvalidOperationException(
            "ConsentKit's services are missing. Add builder.Services.AddConsentKit() to Program.cs before calling app.UseConsentKit() or app.MapConsentKit().");
}
