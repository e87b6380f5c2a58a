using ConsentKit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.Records;

/// <summary>Replays the outbox into the store every <see cref="ConsentRecordOptions.OutboxReplayInterval"/>, starting at start-up.</summary>
internal sealed class ConsentRecordOutboxReplayService(
    ConsentRecordOutbox outbox,
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
            return;
        }

        var interval = options.Value.Records.OutboxReplayInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var added = await outbox.ReplayAsync(scope.ServiceProvider.GetRequiredService<IConsentRecordStore>(), stoppingToken).ConfigureAwait(false);
                if (added > 0)
                {
                    ConsentKitLog.OutboxReplayed(_logger, added, outbox.Directory);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                ConsentKitLog.OutboxReplayFailed(_logger, outbox.Directory, interval, ex);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
