using System.Collections.Concurrent;
using System.Globalization;
using ConsentKit.Configuration;
using ConsentKit.Consent;

namespace ConsentKit.Localization;

/// <summary>
/// Chooses the texts for a culture: the site's translation, then the built-in one, from the specific
/// culture to its parents (<c>fr-CA</c>, <c>fr</c>), then the default language. Resolved once per culture.
/// </summary>
internal sealed class ConsentTextsProvider(ConsentPolicy policy)
{
    // Request cultures come from the app's supported list, so this stays small; the cap guards the rest.
    private const int MaxCachedCultures = 128;

    private readonly ConcurrentDictionary<string, LocalizedTexts> _byCulture = new(StringComparer.OrdinalIgnoreCase);

    public LocalizedTexts For(CultureInfo culture)
    {
        if (_byCulture.TryGetValue(culture.Name, out var texts))
        {
            return texts;
        }

        texts = Resolve(culture);
        if (_byCulture.Count < MaxCachedCultures)
        {
            _byCulture.TryAdd(culture.Name, texts);
        }

        return texts;
    }

    private LocalizedTexts Resolve(CultureInfo culture)
    {
        var options = policy.Options;
        var layers = new List<ConsentTexts>();
        var chain = new List<string>();
        string? language = null;

        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (AddLayers(c.Name, layers))
            {
                language ??= c.Name;
                chain.Add(c.Name);
            }
        }

        // The default language: the site's own Texts first, then its translation and built-ins for that language.
        layers.Add(options.Texts);
        for (var c = CultureInfo.GetCultureInfo(options.DefaultLanguage); !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            AddLayers(c.Name, layers);
        }

        layers.Add(BuiltInTexts.ByLanguage[BuiltInTexts.Fallback]);
        language ??= options.DefaultLanguage;

        var titles = new string[policy.Categories.Count];
        var descriptions = new string?[policy.Categories.Count];
        for (var i = 0; i < titles.Length; i++)
        {
            var category = policy.Categories[i];
            var translated = chain
                .Select(name => options.Categories[i].Translations.TryGetValue(name, out var t) ? t : null)
                .Where(t => t is not null)
                .ToArray();
            titles[i] = translated.Select(t => t!.Title).FirstOrDefault(t => !string.IsNullOrEmpty(t)) ?? category.Title;
            descriptions[i] = translated.Select(t => t!.Description).FirstOrDefault(t => !string.IsNullOrEmpty(t)) ?? category.Description;
        }

        return LocalizedTexts.Create(language, CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft, layers, titles, descriptions);
    }

    private bool AddLayers(string cultureName, List<ConsentTexts> layers)
    {
        var found = false;
        if (string.Equals(cultureName, policy.Options.DefaultLanguage, StringComparison.OrdinalIgnoreCase))
        {
            layers.Add(policy.Options.Texts); // the site's own texts are in the default language
            found = true;
        }

        if (policy.Options.Translations.TryGetValue(cultureName, out var site))
        {
            layers.Add(site);
            found = true;
        }

        if (BuiltInTexts.ByLanguage.TryGetValue(cultureName, out var builtIn))
        {
            layers.Add(builtIn);
            found = true;
        }

        // A culture whose categories alone are translated still counts as a language of the site.
        return found || policy.Options.Categories.Any(c => c.Translations.ContainsKey(cultureName));
    }
}
