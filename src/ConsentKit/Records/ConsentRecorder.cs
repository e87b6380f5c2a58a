using ConsentKit.Configuration;
using ConsentKit.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.Records;

/// <summary>
/// Makes the record of a decision durable before the decision is acknowledged: in the store when it answers
/// within <see cref="ConsentRecordOptions.StoreTimeout"/>, else in the local outbox, replayed later.
/// </summary>
internal sealed class ConsentRecorder
{
    private readonly ConsentRecordFactory _factory;
    private readonly ConsentRecordOutbox _outbox;
    private readonly ConsentRecordOptions _options;
    private readonly ILogger _logger;

    public ConsentRecorder(
        ConsentRecordFactory factory,
        ConsentRecordOutbox outbox,
        IOptions<ConsentKitOptions> options,
        IServiceProviderIsService isService,
        ILoggerFactory loggerFactory)
    {
        _factory = factory;
        _outbox = outbox;
        _options = options.Value.Records;
        _logger = loggerFactory.CreateLogger("ConsentKit");
        IsStoreRegistered = isService.IsService(typeof(IConsentRecordStore));
    }

    /// <summary>Gets a value indicating whether records are kept at all.</summary>
    public bool IsStoreRegistered { get; }

    /// <summary>Records the decision; returns <see langword="false"/> only when the record could be made durable nowhere.</summary>
    public async Task<bool> RecordAsync(HttpContext context, ConsentDecision? previous, ConsentDecision decision, ConsentAction action, string? returnUrl)
    {
        if (!IsStoreRegistered)
        {
            return true;
        }

        var record = _factory.Create(context, previous, decision, action, returnUrl);
        try
        {
            // Not the request's token: a visitor who navigates away must not cancel the proof of their decision.
            using var timeout = new CancellationTokenSource(_options.StoreTimeout);
            var store = context.RequestServices.GetRequiredService<IConsentRecordStore>();
            await store.AppendAsync(record, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            ConsentKitLog.RecordStoreFailed(_logger, record.Id, record.ConsentId, _outbox.Directory, ex);
        }

        try
        {
            await _outbox.AppendAsync(record).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            ConsentKitLog.RecordLost(_logger, record.Id, record.ConsentId, _outbox.Directory, ex);
            return false;
        }
    }

    /// <summary>
    /// Records a decision made through a synchronous API (<c>ITrackingConsentFeature</c>): the record goes to the
    /// outbox, flushed to disk, and reaches the store with the next replay.
    /// </summary>
    public void RecordToOutbox(HttpContext context, ConsentDecision? previous, ConsentDecision decision, ConsentAction action)
    {
        if (!IsStoreRegistered)
        {
            return;
        }

        var record = _factory.Create(context, previous, decision, action, returnUrl: null);
        try
        {
            _outbox.Append(record);
        }
        catch (Exception ex)
        {
            ConsentKitLog.RecordLost(_logger, record.Id, record.ConsentId, _outbox.Directory, ex);
        }
    }

    /// <summary>Replays this instance's outbox into the store, so an erasure that follows also erases records still waiting there.</summary>
    public Task<int> FlushOutboxAsync(IConsentRecordStore store, CancellationToken cancellationToken) =>
        _outbox.ReplayAsync(store, cancellationToken);
}
