namespace ConsentKit.Consent;

/// <summary>A decision just made, with what is needed to record and report it.</summary>
/// <param name="Decision">The new decision, as written to the cookie.</param>
/// <param name="Action">How the visitor decided.</param>
/// <param name="PreviousMask">What was granted before (the mode's defaults when the visitor had not decided).</param>
/// <param name="GlobalPrivacyControlApplied">Whether a GPC signal kept categories off that the action would have granted.</param>
internal sealed record ConsentOutcome(ConsentDecision Decision, ConsentAction Action, ulong PreviousMask, bool GlobalPrivacyControlApplied)
{
    /// <summary>Gets a value indicating whether the decision takes back a category that was granted.</summary>
    public bool IsWithdrawal => (PreviousMask & ~Decision.GrantedMask) != 0;

    /// <summary>Gets how the decision is recorded: as a GPC decision when the signal shaped it.</summary>
    public ConsentAction RecordedAction => GlobalPrivacyControlApplied ? ConsentAction.GlobalPrivacyControl : Action;
}
