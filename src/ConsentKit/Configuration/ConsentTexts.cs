namespace ConsentKit.Configuration;

/// <summary>
/// The texts shown to visitors. Every visible string of the banner, the preferences and the
/// placeholders comes from here. A text left <see langword="null"/> falls back to ConsentKit's
/// built-in translation for the visitor's language (English, French, German, Spanish, Italian,
/// Dutch, Portuguese and Arabic are built in).
/// </summary>
public sealed class ConsentTexts
{
    /// <summary>Gets or sets the banner title, for example <c>We value your privacy</c>.</summary>
    public string? Title { get; set; }

    /// <summary>Gets or sets the banner text.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the banner title in opt-out mode.</summary>
    public string? OptOutTitle { get; set; }

    /// <summary>Gets or sets the banner text in opt-out mode.</summary>
    public string? OptOutDescription { get; set; }

    /// <summary>Gets or sets the note shown when the browser's Global Privacy Control signal was honoured.</summary>
    public string? GlobalPrivacyControlHonored { get; set; }

    /// <summary>Gets or sets the text of the link to the privacy policy.</summary>
    public string? PrivacyPolicyLink { get; set; }

    /// <summary>Gets or sets the label of the button that grants every category.</summary>
    public string? AcceptAll { get; set; }

    /// <summary>Gets or sets the label of the button that refuses every optional category.</summary>
    public string? RejectAll { get; set; }

    /// <summary>Gets or sets the label of the control that opens the per-category choices.</summary>
    public string? Customize { get; set; }

    /// <summary>Gets or sets the label of the button that saves the per-category choices.</summary>
    public string? SaveChoices { get; set; }

    /// <summary>Gets or sets the title of the preferences, above the list of categories.</summary>
    public string? CategoriesLegend { get; set; }

    /// <summary>Gets or sets the note beside a required category.</summary>
    public string? AlwaysActive { get; set; }

    /// <summary>Gets or sets the label of the control that reopens the preferences after a decision.</summary>
    public string? Settings { get; set; }

    /// <summary>Gets or sets the label of the button that closes the preferences without saving.</summary>
    public string? Close { get; set; }

    /// <summary>Gets or sets the label of the list of services and cookies of a category.</summary>
    public string? ServicesAndCookies { get; set; }

    /// <summary>Gets or sets the heading of the service column or field.</summary>
    public string? Service { get; set; }

    /// <summary>Gets or sets the heading of the provider column or field.</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the heading of the purpose column or field.</summary>
    public string? Purpose { get; set; }

    /// <summary>Gets or sets the heading of the cookie column or field.</summary>
    public string? Cookie { get; set; }

    /// <summary>Gets or sets the heading of the lifetime column or field.</summary>
    public string? Lifetime { get; set; }

    /// <summary>Gets or sets the heading of the category column of the cookie table.</summary>
    public string? Category { get; set; }

    /// <summary>
    /// Gets or sets the text of the placeholder of content that waits for consent;
    /// <c>{service}</c> and <c>{category}</c> are replaced by their names.
    /// </summary>
    public string? EmbedPlaceholder { get; set; }

    /// <summary>Gets or sets the label of the placeholder's button; <c>{category}</c> is replaced by the category's title.</summary>
    public string? EmbedAllow { get; set; }

    /// <summary>Gets or sets the text of the link that downloads the visitor's consent records.</summary>
    public string? DownloadRecords { get; set; }

    /// <summary>Gets or sets the label of the button that erases the visitor's consent records and forgets the decision.</summary>
    public string? EraseRecords { get; set; }
}
