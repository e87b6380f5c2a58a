using ConsentKit.Configuration;

namespace ConsentKit.Consent;

/// <summary>A configured category, resolved once at start-up.</summary>
internal sealed class ConsentCategory(ConsentCategoryOptions options, int index, IReadOnlyList<ConsentServiceOptions> services)
{
    public string Key { get; } = options.Key;

    public string Title { get; } = string.IsNullOrWhiteSpace(options.Title) ? options.Key : options.Title;

    public string? Description { get; } = options.Description;

    public bool Required { get; } = options.Required;

    public int Index { get; } = index;

    public ulong Bit { get; } = 1UL << index;

    public IReadOnlyList<ConsentServiceOptions> Services { get; } = services;
}
