namespace ConsentKit.Configuration;

/// <summary>A category's title and description in one language.</summary>
public sealed class ConsentCategoryTexts
{
    /// <summary>Gets or sets the title of the category in this language.</summary>
    public string? Title { get; set; }

    /// <summary>Gets or sets the description of the category in this language.</summary>
    public string? Description { get; set; }
}
