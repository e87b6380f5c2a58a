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

    /// <summary>The visitor denied a category they had granted before: consent was withdrawn.</summary>
    Withdrawal,

    /// <summary>The decision followed the browser's Global Privacy Control signal (<c>Sec-GPC: 1</c>).</summary>
    GlobalPrivacyControl,
}
