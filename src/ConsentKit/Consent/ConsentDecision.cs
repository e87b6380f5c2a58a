namespace ConsentKit.Consent;

/// <summary>A visitor's decision as carried by the consent cookie.</summary>
/// <param name="ConsentId">Random identifier that links the visitor's decisions over time.</param>
/// <param name="Revision">The policy revision the visitor decided on.</param>
/// <param name="DecidedAt">When the visitor decided (UTC, whole seconds).</param>
/// <param name="GrantedMask">One bit per category index of <see cref="ConsentPolicy"/>; required categories always set.</param>
/// <param name="DeniedServicesMask">One bit per service index: services refused one by one inside a granted category.</param>
internal sealed record ConsentDecision(string ConsentId, int Revision, DateTimeOffset DecidedAt, ulong GrantedMask, ulong DeniedServicesMask = 0);
