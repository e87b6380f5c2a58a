using ConsentKit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConsentKit.Records;

/// <summary>Registers what keeps consent records; the store itself comes from a storage package.</summary>
internal static class ConsentRecordServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsentKitOptions>, ConsentRecordOptionsValidator>());
        services.TryAddSingleton<ConsentRecordFactory>();
        services.TryAddSingleton<ConsentRecordOutbox>();
        services.TryAddSingleton<ConsentRecorder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ConsentRecordOutboxReplayService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ConsentRecordRetentionService>());
    }
}
