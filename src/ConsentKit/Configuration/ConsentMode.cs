namespace ConsentKit.Configuration;

/// <summary>How optional categories behave before the visitor decides.</summary>
public enum ConsentMode
{
    /// <summary>Optional categories are off until the visitor grants them (GDPR, ePrivacy).</summary>
    OptIn,

    /// <summary>Optional categories are on until the visitor, or a Global Privacy Control signal, refuses them.</summary>
    OptOut,
}
