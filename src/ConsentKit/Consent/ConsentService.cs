using System.Text;
using ConsentKit.Configuration;

namespace ConsentKit.Consent;

/// <summary>A configured service, resolved once at start-up: its key, its bit among all services, and its options.</summary>
internal sealed class ConsentService(ConsentServiceOptions options, int index)
{
    public string Key { get; } = KeyOf(options);

    public string Name => Options.Name;

    public string? Provider => Options.Provider;

    public string? Purpose => Options.Purpose;

    public string? PrivacyPolicyUrl => Options.PrivacyPolicyUrl;

    public IList<ConsentCookieDeclaration> Cookies => Options.Cookies;

    public ConsentServiceOptions Options { get; } = options;

    public int Index { get; } = index;

    public ulong Bit { get; } = 1UL << index;

    /// <summary>The configured key, or one made from the name: "Parcelwise analytics" -> "parcelwise-analytics".</summary>
    public static string KeyOf(ConsentServiceOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return options.Key;
        }

        var key = new StringBuilder(options.Name.Length);
        foreach (var c in options.Name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(c);
            }
            else if (key.Length > 0 && key[^1] != '-')
            {
                key.Append('-');
            }
        }

        return key.ToString().TrimEnd('-');
    }
}
