using ConsentKit.Consent;

namespace ConsentKit.Http;

/// <summary>The visitor's consent as the decision endpoint reports it to the client script.</summary>
internal sealed record ConsentStateResponse
{
    public bool Decided { get; init; }

    public string? ConsentId { get; init; }

    public int Revision { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public IReadOnlyList<string> Granted { get; init; } = [];

    public IReadOnlyList<string> Denied { get; init; } = [];

    /// <summary>Gets a value indicating whether a Global Privacy Control signal kept categories off.</summary>
    public bool GlobalPrivacyControl { get; init; }

    public static ConsentStateResponse From(ConsentOutcome outcome, ConsentPolicy policy) => From(outcome.Decision, policy) with
    {
        GlobalPrivacyControl = outcome.GlobalPrivacyControlApplied,
    };

    public static ConsentStateResponse From(ConsentDecision decision, ConsentPolicy policy) => new()
    {
        Decided = true,
        ConsentId = decision.ConsentId,
        Revision = decision.Revision,
        DecidedAt = decision.DecidedAt,
        Granted = policy.GrantedKeys(decision.GrantedMask, decision.DeniedServicesMask),
        Denied = policy.DeniedKeys(decision.GrantedMask, decision.DeniedServicesMask),
    };
}
