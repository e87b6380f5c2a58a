using ConsentKit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.Records;

/// <summary>
/// Purges records older than <see cref="ConsentRecordOptions.Retention"/> at start-up and every
/// <see cref="ConsentRecordOptions.PurgeInterval"/>. Also warns once, at start-up, when no store keeps records.
/// </summary>
internal sealed class ConsentRecordRetentionService(
    ConsentRecorder recorder,
    IServiceScopeFactory scopes,
    IOptions<ConsentKitOptions> options,
    TimeProvider time,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("ConsentKit");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!recorder.IsStoreRegistered)
        {
            ConsentKitLog.RecordsNotKept(_logger);
            return;
        }

        var records = options.Value.Records;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IConsentRecordStore>();
                var purged = await store.PurgeOlderThanAsync(time.GetUtcNow() - records.Retention, stoppingToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    ConsentKitLog.RecordsPurged(_logger, purged, records.Retention);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                ConsentKitLog.PurgeFailed(_logger, records.PurgeInterval, ex);
            }

            try
            {
                await Task.Delay(records.PurgeInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
