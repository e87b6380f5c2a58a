using ConsentKit.Consent;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>Every log message ConsentKit writes, with stable event ids.</summary>
internal static partial class ConsentKitLog
{
    [LoggerMessage(1, LogLevel.Debug, "Consent cookie '{CookieName}' ignored ({Problem}); the visitor counts as undecided.")]
    public static partial void ConsentCookieIgnored(ILogger logger, string cookieName, ConsentCookieProblem problem);

    [LoggerMessage(2, LogLevel.Information, "Consent decision {Action} for consent {ConsentId}: granted {Granted}.")]
    public static partial void DecisionRecorded(ILogger logger, ConsentAction action, string consentId, string granted);

    [LoggerMessage(3, LogLevel.Warning, "Consent decision refused: cross-site request (Origin '{Origin}', Sec-Fetch-Site '{FetchSite}').")]
    public static partial void CrossSiteDecisionRefused(ILogger logger, string? origin, string? fetchSite);

    [LoggerMessage(4, LogLevel.Warning, "Consent decision refused: the antiforgery token is missing or invalid.")]
    public static partial void AntiforgeryFailed(ILogger logger);

    [LoggerMessage(5, LogLevel.Debug, "Consent decision rejected as a bad request: {Reason}")]
    public static partial void BadDecisionRequest(ILogger logger, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Markup asks for the unknown consent category '{Category}'; it is treated as not granted. Add it under ConsentKit:Categories or fix the spelling.")]
    public static partial void UnknownCategoryInMarkup(ILogger logger, string category);

    [LoggerMessage(7, LogLevel.Debug, "Cookie '{CookieName}' dropped from the response: its category '{Category}' is not granted.")]
    public static partial void CookieDropped(ILogger logger, string cookieName, string category);

    [LoggerMessage(8, LogLevel.Warning, "Cookie '{CookieName}' is not declared under any ConsentKit service; it was let through. Declare it under ConsentKit:Services so the cookie gate can enforce its category.")]
    public static partial void UndeclaredCookieAllowed(ILogger logger, string cookieName);

    [LoggerMessage(9, LogLevel.Debug, "Cookie '{CookieName}' dropped from the response: it is not declared and undeclared cookies are blocked.")]
    public static partial void UndeclaredCookieBlocked(ILogger logger, string cookieName);

    [LoggerMessage(10, LogLevel.Debug, "Cookie '{CookieName}' of the denied category '{Category}' expired.")]
    public static partial void DeniedCookieExpired(ILogger logger, string cookieName, string category);

    [LoggerMessage(11, LogLevel.Debug, "Endpoint refused: it requires consent to '{Category}', which is not granted.")]
    public static partial void EndpointConsentMissing(ILogger logger, string category);

    [LoggerMessage(20, LogLevel.Warning, "No consent record store is registered: decisions are honoured, but no consent records are kept as proof. Register one, for example AddConsentKit().AddEntityFrameworkCoreStore<TContext>().")]
    public static partial void RecordsNotKept(ILogger logger);

    [LoggerMessage(21, LogLevel.Warning, "Consent record {RecordId} of consent {ConsentId} could not be stored; it goes to the outbox '{OutboxDirectory}' and will be replayed when the store is back.")]
    public static partial void RecordStoreFailed(ILogger logger, Guid recordId, string consentId, string outboxDirectory, Exception exception);

    [LoggerMessage(22, LogLevel.Critical, "Consent record {RecordId} of consent {ConsentId} could be written neither to the store nor to the outbox '{OutboxDirectory}'; the decision is refused (503). Check the database and that the outbox directory is writable.")]
    public static partial void RecordLost(ILogger logger, Guid recordId, string consentId, string outboxDirectory, Exception exception);

    [LoggerMessage(23, LogLevel.Information, "{Count} consent records replayed from the outbox '{OutboxDirectory}' into the store.")]
    public static partial void OutboxReplayed(ILogger logger, int count, string outboxDirectory);

    [LoggerMessage(24, LogLevel.Warning, "Replaying the consent record outbox '{OutboxDirectory}' failed; retrying in {Interval}.")]
    public static partial void OutboxReplayFailed(ILogger logger, string outboxDirectory, TimeSpan interval, Exception exception);

    [LoggerMessage(25, LogLevel.Warning, "Line {Line} of the outbox file '{File}' is unreadable and was skipped: a write cut short by a crash, never acknowledged.")]
    public static partial void OutboxLineSkipped(ILogger logger, int line, string file);

    [LoggerMessage(26, LogLevel.Information, "{Count} consent records older than the retention of {Retention} purged.")]
    public static partial void RecordsPurged(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(27, LogLevel.Warning, "Purging old consent records failed; retrying in {Interval}.")]
    public static partial void PurgeFailed(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(28, LogLevel.Information, "{Count} consent records of consent {ConsentId} erased at the visitor's request; the consent cookie was cleared.")]
    public static partial void RecordsErased(ILogger logger, int count, string consentId);

    [LoggerMessage(29, LogLevel.Error, "The consent record store failed while the visitor asked for the records of consent {ConsentId}.")]
    public static partial void RecordStoreUnavailable(ILogger logger, string consentId, Exception exception);
}
