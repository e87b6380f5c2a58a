namespace ConsentKit.Configuration;

/// <summary>Maps ConsentKit's categories to Google Consent Mode v2 consent types.</summary>
public sealed class GoogleConsentModeOptions
{
    /// <summary>
    /// Gets the consent types (<c>ad_storage</c>, <c>analytics_storage</c>, <c>ad_user_data</c>,
    /// <c>ad_personalization</c>, <c>functionality_storage</c>, <c>personalization_storage</c>,
    /// <c>security_storage</c>) mapped to the key of the category that grants them. A type mapped to a
    /// required category is always granted; a type left out is always denied.
    /// </summary>
    /// <value>
    /// Defaults, when empty, to: <c>analytics_storage</c> ← <c>analytics</c>; <c>ad_storage</c>, <c>ad_user_data</c>,
    /// <c>ad_personalization</c> ← <c>marketing</c>; <c>functionality_storage</c>, <c>personalization_storage</c> ←
    /// <c>functional</c> or <c>preferences</c>; <c>security_storage</c> ← the first required category; for the categories that exist.
    /// </value>
    public IDictionary<string, string> Types { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
