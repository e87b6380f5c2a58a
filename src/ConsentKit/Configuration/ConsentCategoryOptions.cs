namespace ConsentKit.Configuration;

/// <summary>A consent category such as "necessary" or "analytics", granted or refused by the visitor as a whole.</summary>
public sealed class ConsentCategoryOptions
{
    /// <summary>Gets or sets the key that markup and code use for the category, for example <c>analytics</c>.</summary>
    /// <value>1 to 32 lowercase letters, digits, <c>-</c> or <c>_</c>, starting with a letter or digit. Required.</value>
    public string Key { get; set; } = "";

    /// <summary>Gets or sets the title shown in the banner.</summary>
    /// <value>Defaults to the key.</value>
    public string? Title { get; set; }

    /// <summary>Gets or sets the description shown in the preferences.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Description { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the category is strictly necessary: always granted and
    /// impossible to refuse. Only cookies the site cannot work without belong here.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool Required { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the category is granted before the visitor decides.
    /// Only <see cref="Required"/> categories may be granted by default: consent to optional
    /// categories must be given (opt-in), so start-up fails when an optional category sets this.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool GrantedByDefault { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a Global Privacy Control signal opts the visitor out of this
    /// category (sale, sharing or cross-context tracking). Ignored for required categories.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: on for every optional category except ones keyed <c>functional</c> or <c>preferences</c>.</value>
    public bool? HonorGlobalPrivacyControl { get; set; }

    /// <summary>
    /// Gets the title and description in other languages, keyed by culture name (<c>fr</c>, <c>fr-CA</c>).
    /// <see cref="Title"/> and <see cref="Description"/> are the texts of <see cref="ConsentKitOptions.DefaultLanguage"/>.
    /// </summary>
    public IDictionary<string, ConsentCategoryTexts> Translations { get; } = new Dictionary<string, ConsentCategoryTexts>(StringComparer.OrdinalIgnoreCase);
}
