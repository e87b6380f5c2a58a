namespace ConsentKit.Consent;

/// <summary>Why a consent cookie does not hold a current decision.</summary>
internal enum ConsentCookieProblem
{
    None,
    Missing,
    Malformed,
    Tampered,
    OtherRevision,
    Expired,
}
