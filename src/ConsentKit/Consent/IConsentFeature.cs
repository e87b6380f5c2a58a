namespace ConsentKit;

/// <summary>
/// The visitor's consent for the current request, as read from the signed consent cookie by
/// <c>UseConsentKit()</c>. Reach it with <c>HttpContext.GetConsent()</c>.
/// A missing, expired, malformed, tampered or out-of-date cookie reads as "not decided".
/// </summary>
public interface IConsentFeature
{
    /// <summary>Gets a value indicating whether the visitor has made a decision under the current policy revision.</summary>
    bool HasDecided { get; }

    /// <summary>Gets the identifier of the visitor's consent, or <see langword="null"/> when the visitor has not decided.</summary>
    string? ConsentId { get; }

    /// <summary>Gets the policy revision the decision was made under, or <see langword="null"/> when the visitor has not decided.</summary>
    int? Revision { get; }

    /// <summary>Gets when the visitor decided, or <see langword="null"/> when the visitor has not decided.</summary>
    DateTimeOffset? DecidedAt { get; }

    /// <summary>Gets the keys of the granted categories, required ones included, in configuration order.</summary>
    IReadOnlyList<string> GrantedCategories { get; }

    /// <summary>
    /// Returns whether the category is granted. Required categories are always granted;
    /// optional ones only after the visitor granted them; unknown keys never are.
    /// </summary>
    /// <param name="category">The category key, for example <c>analytics</c>.</param>
    /// <returns><see langword="true"/> when content of the category may run.</returns>
    bool IsGranted(string category);
}
