using ConsentKit.Configuration;
using ConsentKit.Consent;
using ConsentKit.Records;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ConsentKit's services.</summary>
public static class ConsentKitServiceCollectionExtensions
{
    /// <summary>
    /// Adds ConsentKit, bound to the <c>ConsentKit</c> section of the application's configuration.
    /// The configuration is validated at start-up: an invalid one stops the application with a message naming the key.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>A builder for storage and integration packages.</returns>
    public static ConsentKitBuilder AddConsentKit(this IServiceCollection services) => services.AddConsentKit(configure: null);

    /// <summary>
    /// Adds ConsentKit, bound to the <c>ConsentKit</c> section of the application's configuration,
    /// then changed by <paramref name="configure"/>. Validated at start-up.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Changes the options after the configuration was bound.</param>
    /// <returns>A builder for storage and integration packages.</returns>
    public static ConsentKitBuilder AddConsentKit(this IServiceCollection services, Action<ConsentKitOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);

        // A misspelt key in appsettings (say "Requried") fails start-up instead of being silently ignored.
        var options = services.AddOptions<ConsentKitOptions>()
            .BindConfiguration(ConsentKitOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsentKitOptions>, ConsentKitOptionsValidator>());
        services.AddDataProtection();
        services.AddAntiforgery();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConsentPolicy>();
        services.TryAddSingleton<ConsentCookieCodec>();
        services.TryAddSingleton<ConsentKitServices>();
        ConsentRecordServices.Add(services);
        return new ConsentKitBuilder(services);
    }
}
