using ConsentKit.Configuration;

namespace ConsentKit.Consent;

/// <summary>A configured category, resolved once at start-up.</summary>
internal sealed class ConsentCategory(ConsentCategoryOptions options, int index, IReadOnlyList<ConsentService> services)
{
    public string Key { get; } = options.Key;

    public string Title { get; } = string.IsNullOrWhiteSpace(options.Title) ? options.Key : options.Title;

    public string? Description { get; } = options.Description;

    public bool Required { get; } = options.Required;

    public int Index { get; } = index;

    public ulong Bit { get; } = 1UL << index;

    public IReadOnlyList<ConsentService> Services { get; } = services;

    /// <summary>Gets a value indicating whether the visitor may refuse services of this category one by one.</summary>
    public bool HasServiceChoices => !Required && Services.Count > 1;

    /// <summary>Gets the bits of this category's services.</summary>
    public ulong ServicesMask { get; } = services.Aggregate(0UL, (mask, service) => mask | service.Bit);
}
