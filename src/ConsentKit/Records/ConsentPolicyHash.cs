using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ConsentKit.Configuration;
using ConsentKit.Consent;

namespace ConsentKit.Records;

/// <summary>
/// The SHA-256 of what visitors are shown under the current policy: the revision, every banner text and
/// each category's key, title and description. Computed once per application.
/// </summary>
internal static class ConsentPolicyHash
{
    public static string Compute(ConsentPolicy policy)
    {
        var text = new StringBuilder(1024);
        Append(text, "revision", policy.Revision.ToString(CultureInfo.InvariantCulture));

        // Every public text, by name, so a text added later is covered without touching this code.
        var properties = typeof(ConsentTexts).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var property in properties)
        {
            Append(text, "texts." + property.Name, (string?)property.GetValue(policy.Options.Texts));
        }

        foreach (var category in policy.Categories)
        {
            Append(text, "category.key", category.Key);
            Append(text, "category.title", category.Title);
            Append(text, "category.description", category.Description);
            Append(text, "category.required", category.Required ? "true" : "false");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Length-prefixed, so no two different policies can produce the same input.
    private static void Append(StringBuilder text, string name, string? value) =>
        text.Append(name).Append('=').Append(value is null ? "-" : value.Length.ToString(CultureInfo.InvariantCulture))
            .Append(':').Append(value).Append('\n');
}
