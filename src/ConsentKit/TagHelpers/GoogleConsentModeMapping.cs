using System.Text.Json;
using ConsentKit.Consent;

namespace ConsentKit.TagHelpers;

/// <summary>Which category grants each Google Consent Mode v2 type, from configuration or, when none is given, from well-known keys.</summary>
internal static class GoogleConsentModeMapping
{
    public static readonly string[] Types =
        ["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "personalization_storage", "security_storage"];

    public static IReadOnlyList<(string Type, ConsentCategory? Category)> For(ConsentPolicy policy)
    {
        var configured = policy.Options.GoogleConsentMode.Types;
        return Types.Select(type => (type, Find(policy, configured.Count > 0 ? (configured.TryGetValue(type, out var key) ? [key] : []) : DefaultKeys(policy, type)))).ToArray();
    }

    public static string ClientJson(IReadOnlyList<(string Type, ConsentCategory? Category)> mapping)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
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
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

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
}
