namespace ConsentKit;

/// <summary>How a consent decision was given.</summary>
public enum ConsentAction
{
    /// <summary>The visitor granted every category.</summary>
    AcceptAll,

    /// <summary>The visitor refused every optional category.</summary>
    RejectAll,

    /// <summary>The visitor chose categories one by one.</summary>
    Custom,
}
