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
    // Keys match ignoring case; the exact spelling, by far the usual one, is looked up first because
    // comparing ignoring case costs several times more, and every consent question pays it.
    private readonly FrozenDictionary<string, ConsentCategory> _byExactKey;
    private readonly FrozenDictionary<string, ConsentCategory> _byKey;
    private readonly FrozenDictionary<string, (ConsentService Service, ConsentCategory Category)> _serviceCategory;

    public ConsentPolicy(IOptions<ConsentKitOptions> options)
    {
        Options = options.Value; // throws the start-up validation errors here if the configuration is invalid
        var allServices = Options.Services.Select((service, index) => new ConsentService(service, index)).ToArray();
        var categories = new ConsentCategory[Options.Categories.Count];
        for (var i = 0; i < categories.Length; i++)
        {
            var category = Options.Categories[i];
            var services = allServices
                .Where(s => string.Equals(s.Options.Category, category.Key, StringComparison.OrdinalIgnoreCase))
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
        _byExactKey = categories.ToFrozenDictionary(c => c.Key, StringComparer.Ordinal);
        _byKey = categories.ToFrozenDictionary(c => c.Key, StringComparer.OrdinalIgnoreCase);
        _serviceCategory = categories.SelectMany(c => c.Services.Select(s => (s, c)))
            .ToFrozenDictionary(pair => pair.s.Key, pair => (pair.s, pair.c), StringComparer.OrdinalIgnoreCase);
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
        if (key is not null && (_byExactKey.TryGetValue(key, out var found) || _byKey.TryGetValue(key, out found)))
        {
            category = found;
            return true;
        }

        category = null!;
        return false;
    }

    /// <summary>
    /// Finds the category a markup key names: the category itself, or the category of the service it names
    /// (<paramref name="service"/> is then that service).
    /// </summary>
    public bool TryGetCategoryOf(string? key, out ConsentCategory category, out ConsentService? service)
    {
        service = null;
        if (TryGetCategory(key, out category))
        {
            return true;
        }

        if (TryGetService(key, out var found, out category))
        {
            service = found;
            return true;
        }

        return false;
    }

    public bool TryGetService(string? key, out ConsentService service, out ConsentCategory category)
    {
        if (key is not null && _serviceCategory.TryGetValue(key, out var found))
        {
            (service, category) = found;
            return true;
        }

        service = null!;
        category = null!;
        return false;
    }

    /// <summary>
    /// Gets what a decision grants, as the client and the records name it: the categories, then the services of
    /// granted categories that offer a choice per service (elsewhere a service goes with its category).
    /// </summary>
    public IReadOnlyList<string> GrantedKeys(ulong grantedMask, ulong deniedServicesMask) =>
        WithServices(KeysOf(grantedMask), grantedMask, deniedServicesMask, refused: false);

    /// <summary>Gets what a decision refuses: the optional categories not granted, then the services refused one by one.</summary>
    public IReadOnlyList<string> DeniedKeys(ulong grantedMask, ulong deniedServicesMask) =>
        WithServices(KeysOf(~grantedMask & AllMask), grantedMask, deniedServicesMask, refused: true);

    // Appends the services, refused or not, of the granted categories that offer a choice per service.
    private List<string> WithServices(IReadOnlyList<string> categoryKeys, ulong grantedMask, ulong deniedServicesMask, bool refused)
    {
        var keys = new List<string>(categoryKeys);
        foreach (var category in Categories)
        {
            if (category.HasServiceChoices && (grantedMask & category.Bit) != 0)
            {
                keys.AddRange(category.Services.Where(s => ((deniedServicesMask & s.Bit) != 0) == refused).Select(s => s.Key));
            }
        }

        return keys;
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
