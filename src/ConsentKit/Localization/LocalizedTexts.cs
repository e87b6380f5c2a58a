using ConsentKit.Configuration;

namespace ConsentKit.Localization;

/// <summary>Every visitor-facing text in one language, with nothing left to look up.</summary>
internal sealed class LocalizedTexts
{
    /// <summary>Gets the language tag of the texts, for the <c>lang</c> attribute.</summary>
    public required string Language { get; init; }

    /// <summary>Gets a value indicating whether the language is written right to left.</summary>
    public required bool IsRightToLeft { get; init; }

    /// <summary>Gets the category titles, by category index.</summary>
    public required IReadOnlyList<string> CategoryTitles { get; init; }

    /// <summary>Gets the category descriptions, by category index.</summary>
    public required IReadOnlyList<string?> CategoryDescriptions { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required string OptOutTitle { get; init; }

    public required string OptOutDescription { get; init; }

    public required string GlobalPrivacyControlHonored { get; init; }

    public required string PrivacyPolicyLink { get; init; }

    public required string AcceptAll { get; init; }

    public required string RejectAll { get; init; }

    public required string Customize { get; init; }

    public required string SaveChoices { get; init; }

    public required string CategoriesLegend { get; init; }

    public required string AlwaysActive { get; init; }

    public required string Settings { get; init; }

    public required string Close { get; init; }

    public required string ServicesAndCookies { get; init; }

    public required string Service { get; init; }

    public required string Provider { get; init; }

    public required string Purpose { get; init; }

    public required string Cookie { get; init; }

    public required string Lifetime { get; init; }

    public required string Category { get; init; }

    public required string EmbedPlaceholder { get; init; }

    public required string EmbedAllow { get; init; }

    public required string DownloadRecords { get; init; }

    public required string EraseRecords { get; init; }

    /// <summary>Builds the texts from layers ordered from the most to the least specific; the first layer with a text wins.</summary>
    public static LocalizedTexts Create(string language, bool isRightToLeft, IReadOnlyList<ConsentTexts> layers, IReadOnlyList<string> categoryTitles, IReadOnlyList<string?> categoryDescriptions) =>
        new()
        {
            Language = language,
            IsRightToLeft = isRightToLeft,
            CategoryTitles = categoryTitles,
            CategoryDescriptions = categoryDescriptions,
            Title = Pick(layers, static t => t.Title),
            Description = Pick(layers, static t => t.Description),
            OptOutTitle = Pick(layers, static t => t.OptOutTitle),
            OptOutDescription = Pick(layers, static t => t.OptOutDescription),
            GlobalPrivacyControlHonored = Pick(layers, static t => t.GlobalPrivacyControlHonored),
            PrivacyPolicyLink = Pick(layers, static t => t.PrivacyPolicyLink),
            AcceptAll = Pick(layers, static t => t.AcceptAll),
            RejectAll = Pick(layers, static t => t.RejectAll),
            Customize = Pick(layers, static t => t.Customize),
            SaveChoices = Pick(layers, static t => t.SaveChoices),
            CategoriesLegend = Pick(layers, static t => t.CategoriesLegend),
            AlwaysActive = Pick(layers, static t => t.AlwaysActive),
            Settings = Pick(layers, static t => t.Settings),
            Close = Pick(layers, static t => t.Close),
            ServicesAndCookies = Pick(layers, static t => t.ServicesAndCookies),
            Service = Pick(layers, static t => t.Service),
            Provider = Pick(layers, static t => t.Provider),
            Purpose = Pick(layers, static t => t.Purpose),
            Cookie = Pick(layers, static t => t.Cookie),
            Lifetime = Pick(layers, static t => t.Lifetime),
            Category = Pick(layers, static t => t.Category),
            EmbedPlaceholder = Pick(layers, static t => t.EmbedPlaceholder),
            EmbedAllow = Pick(layers, static t => t.EmbedAllow),
            DownloadRecords = Pick(layers, static t => t.DownloadRecords),
            EraseRecords = Pick(layers, static t => t.EraseRecords),
        };

    // The English built-ins are the last layer and define every text, so a text is always found.
    private static string Pick(IReadOnlyList<ConsentTexts> layers, Func<ConsentTexts, string?> text)
    {
        foreach (var layer in layers)
        {
            if (text(layer) is { Length: > 0 } found)
            {
                return found;
            }
        }

        throw new InvalidOperationException("A built-in text is missing.");
    }
}
