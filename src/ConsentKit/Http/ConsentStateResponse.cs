using ConsentKit.Consent;

namespace ConsentKit.Http;

/// <summary>The visitor's consent as the decision endpoint reports it to the client script.</summary>
internal sealed class ConsentStateResponse
{
    public bool Decided { get; init; }

    public string? ConsentId { get; init; }

    public int Revision { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public IReadOnlyList<string> Granted { get; init; } = [];

    public IReadOnlyList<string> Denied { get; init; } = [];

    public static ConsentStateResponse From(ConsentDecision decision, ConsentPolicy policy) => new()
    {
        Decided = true,
        ConsentId = decision.ConsentId,
        Revision = decision.Revision,
        DecidedAt = decision.DecidedAt,
        Granted = policy.KeysOf(decision.GrantedMask),
        Denied = policy.KeysOf(~decision.GrantedMask & policy.AllMask),
    };
}
