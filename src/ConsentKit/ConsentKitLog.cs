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
}
