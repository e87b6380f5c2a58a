using System.Collections.Frozen;
using ConsentKit.Configuration;
using Microsoft.Extensions.Options;

namespace ConsentKit.Consent;

/// <summary>
/// The validated configuration turned into what a request needs: categories by key and index,
/// and the bit masks of required and optional categories. Built once per application.
/// </summary>
internal sealed class ConsentPolicy
{
    private readonly FrozenDictionary<string, ConsentCategory> _byKey;

    public ConsentPolicy(IOptions<ConsentKitOptions> options)
    {
        Options = options.Value; // throws the start-up validation errors here if the configuration is invalid
        var categories = new ConsentCategory[Options.Categories.Count];
        for (var i = 0; i < categories.Length; i++)
        {
            var category = Options.Categories[i];
            var services = Options.Services
                .Where(s => string.Equals(s.Category, category.Key, StringComparison.OrdinalIgnoreCase))
                .ToArray();
            categories[i] = new ConsentCategory(category, i, services);
            if (category.Required)
            {
                RequiredMask |= categories[i].Bit;
            }
            else
            {
                OptionalMask |= categories[i].Bit;
                if (category.HonorGlobalPrivacyControl ?? !IsFunctionalKey(category.Key))
                {
                    GlobalPrivacyControlMask |= categories[i].Bit;
                }
            }
        }

        Categories = categories;
        _byKey = categories.ToFrozenDictionary(c => c.Key, StringComparer.OrdinalIgnoreCase);
        Cookies = new CookieDeclarationIndex(categories);
    }

    public ConsentKitOptions Options { get; }

    public IReadOnlyList<ConsentCategory> Categories { get; }

    public int Revision => Options.Revision;

    public ulong RequiredMask { get; }

    public ulong OptionalMask { get; }

    public ulong AllMask => RequiredMask | OptionalMask;

    /// <summary>Gets the optional categories that a Global Privacy Control signal opts the visitor out of.</summary>
    public ulong GlobalPrivacyControlMask { get; }

    public CookieDeclarationIndex Cookies { get; }

    public bool TryGetCategory(string? key, out ConsentCategory category)
    {
        if (key is not null && _byKey.TryGetValue(key, out var found))
        {
            category = found;
            return true;
        }

        category = null!;
        return false;
    }

    public IReadOnlyList<string> KeysOf(ulong mask)
    {
        var keys = new List<string>(Categories.Count);
        foreach (var category in Categories)
        {
            if ((mask & category.Bit) != 0)
            {
                keys.Add(category.Key);
            }
        }

        return keys;
    }

    // Functional and preference cookies are neither sale nor sharing: GPC leaves them alone by default.
    private static bool IsFunctionalKey(string key) =>
        key.Equals("functional", StringComparison.OrdinalIgnoreCase) || key.Equals("preferences", StringComparison.OrdinalIgnoreCase);
}
