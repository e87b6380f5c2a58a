namespace ConsentKit.Configuration;

/// <summary>The texts shown to visitors. Every visible string of the banner comes from here.</summary>
public sealed class ConsentTexts
{
    /// <summary>Gets or sets the banner title.</summary>
    /// <value>Defaults to <c>We value your privacy</c>.</value>
    public string Title { get; set; } = "We value your privacy";

    /// <summary>Gets or sets the banner text.</summary>
    /// <value>Defaults to a sentence asking for consent to optional cookies.</value>
    public string Description { get; set; } =
        "We use cookies that are necessary for this site to work. With your consent we would also like to use optional cookies; you can change your choice at any time.";

    /// <summary>Gets or sets the text of the link to the privacy policy.</summary>
    /// <value>Defaults to <c>Privacy policy</c>.</value>
    public string PrivacyPolicyLink { get; set; } = "Privacy policy";

    /// <summary>Gets or sets the label of the button that grants every category.</summary>
    /// <value>Defaults to <c>Accept all</c>.</value>
    public string AcceptAll { get; set; } = "Accept all";

    /// <summary>Gets or sets the label of the button that refuses every optional category.</summary>
    /// <value>Defaults to <c>Reject all</c>.</value>
    public string RejectAll { get; set; } = "Reject all";

    /// <summary>Gets or sets the label of the control that opens the per-category choices.</summary>
    /// <value>Defaults to <c>Customize</c>.</value>
    public string Customize { get; set; } = "Customize";

    /// <summary>Gets or sets the label of the button that saves the per-category choices.</summary>
    /// <value>Defaults to <c>Save choices</c>.</value>
    public string SaveChoices { get; set; } = "Save choices";

    /// <summary>Gets or sets the legend of the list of categories.</summary>
    /// <value>Defaults to <c>Cookie categories</c>.</value>
    public string CategoriesLegend { get; set; } = "Cookie categories";

    /// <summary>Gets or sets the note beside a required category.</summary>
    /// <value>Defaults to <c>Always active</c>.</value>
    public string AlwaysActive { get; set; } = "Always active";

    /// <summary>Gets or sets the label of the control that reopens the banner after a decision.</summary>
    /// <value>Defaults to <c>Cookie settings</c>.</value>
    public string Settings { get; set; } = "Cookie settings";

    /// <summary>Gets or sets the accessible name of the banner's landmark.</summary>
    /// <value>Defaults to <c>Cookie consent</c>.</value>
    public string RegionLabel { get; set; } = "Cookie consent";

    /// <summary>Gets or sets the text of the link that downloads the visitor's consent records.</summary>
    /// <value>Defaults to <c>Download my consent records</c>.</value>
    public string DownloadRecords { get; set; } = "Download my consent records";

    /// <summary>Gets or sets the label of the button that erases the visitor's consent records and forgets the decision.</summary>
    /// <value>Defaults to <c>Erase my consent records</c>.</value>
    public string EraseRecords { get; set; } = "Erase my consent records";
}
