using System.Runtime.CompilerServices;
using ConsentKit.Consent;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>Which category grants each Google Consent Mode v2 type, from configuration or, when none is given, from well-known keys.</summary>
internal static class GoogleConsentModeMapping
{
    public static readonly string[] Types =
        ["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "personalization_storage", "security_storage"];

    // Worked out once per policy, not per page.
    private static readonly ConditionalWeakTable<ConsentPolicy, Resolved> Cache = new();

    public static Resolved For(ConsentPolicy policy) => Cache.GetValue(policy, static p =>
    {
        var configured = p.Options.GoogleConsentMode.Types;
        var mapping = Types.Select(type => (type, Find(p, configured.Count > 0 ? (configured.TryGetValue(type, out var key) ? [key] : []) : DefaultKeys(p, type)))).ToArray();
        return new Resolved(mapping, ClientJson(mapping));
    });

    private static string ClientJson(IReadOnlyList<(string Type, ConsentCategory? Category)> mapping) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        foreach (var (type, category) in mapping)
        {
            if (category is not null)
            {
                json.WriteString(type, category.Key);
            }
        }

        json.WriteEndObject();
    });

    private static ConsentCategory? Find(ConsentPolicy policy, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (policy.TryGetCategory(key, out var category))
            {
                return category;
            }
        }

        return null;
    }

    private static IEnumerable<string> DefaultKeys(ConsentPolicy policy, string type) => type switch
    {
        "analytics_storage" => ["analytics", "statistics"],
        "ad_storage" or "ad_user_data" or "ad_personalization" => ["marketing", "advertising", "ads"],
        "functionality_storage" or "personalization_storage" => ["functional", "preferences"],
        "security_storage" => policy.Categories.Where(c => c.Required).Select(c => c.Key).Take(1),
        _ => [],
    };

    /// <summary>The mapping, and its JSON for the client script.</summary>
    internal sealed record Resolved(IReadOnlyList<(string Type, ConsentCategory? Category)> Mapping, string ClientJson)
    {
        // One script per combination of granted types (at most 2^7), built on first use: pages render it on every request.
        private readonly BufferedHtml?[] _defaultsScripts = new BufferedHtml?[1 << Types.Length];

        /// <summary>Gets the <c>data-consentkit-gcm</c> attribute: <see cref="ClientJson"/>, encoded. Immutable, so every page shares it.</summary>
        public TagHelperAttribute ClientJsonAttribute { get; } = new("data-consentkit-gcm", BufferedHtml.Text(ClientJson));

        /// <summary>Gets the script that sets the defaults for the granted categories: <c>gtag('consent','default',{…})</c>.</summary>
        public BufferedHtml DefaultsScript(ulong granted)
        {
            var grantedTypes = 0;
            for (var i = 0; i < Mapping.Count; i++)
            {
                if (Mapping[i].Category is { } category && (granted & category.Bit) != 0)
                {
                    grantedTypes |= 1 << i;
                }
            }

            // A race builds the same string twice at worst.
            return _defaultsScripts[grantedTypes] ??= BuildDefaultsScript(grantedTypes);
        }

        private BufferedHtml BuildDefaultsScript(int grantedTypes)
        {
            var defaults = JsonText.Write(json =>
            {
                json.WriteStartObject();
                for (var i = 0; i < Mapping.Count; i++)
                {
                    json.WriteString(Mapping[i].Type, (grantedTypes & (1 << i)) != 0 ? "granted" : "denied");
                }

                json.WriteEndObject();
            });
            return BufferedHtml.Raw("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('consent','default'," + defaults + ");");
        }
    }
}
