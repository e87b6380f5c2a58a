using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ConsentKit.Configuration;

/// <summary>
/// Validates <see cref="ConsentKitOptions"/> at start-up. Each message names the configuration key
/// at fault and says how to fix it, so a bad appsettings file is caught before the first visitor.
/// </summary>
internal sealed partial class ConsentKitOptionsValidator : IValidateOptions<ConsentKitOptions>
{
    // Categories are stored as bits of a 64-bit mask.
    internal const int MaxCategories = 64;

    private const string Section = ConsentKitOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ConsentKitOptions options)
    {
        var errors = new List<string>();
        ValidatePolicy(options, errors);
        var categoryKeys = ValidateCategories(options, errors);
        ValidateServices(options, categoryKeys, errors);
        ValidateCookie(options.Cookie, errors);
        ValidateLanguages(options, errors);
        ValidateGoogleConsentMode(options, categoryKeys, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidatePolicy(ConsentKitOptions options, List<string> errors)
    {
        if (options.Revision < 1)
        {
            errors.Add($"{Section}:Revision is {options.Revision}. Use a whole number of 1 or more, and increase it whenever visitors must be asked again.");
        }

        if (!options.EndpointPath.HasValue || options.EndpointPath.Value == "/")
        {
            errors.Add($"{Section}:EndpointPath '{options.EndpointPath}' is not a usable path. Use a path of its own that starts with '/', for example '/_consent'.");
        }
    }

    private static HashSet<string> ValidateCategories(ConsentKitOptions options, List<string> errors)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var firstIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        if (options.Categories.Count == 0)
        {
            errors.Add($"{Section}:Categories is empty. Add at least one category, for example {{ \"Key\": \"necessary\", \"Required\": true }}.");
        }
        else if (options.Categories.Count > MaxCategories)
        {
            errors.Add($"{Section}:Categories has {options.Categories.Count} entries. At most {MaxCategories} categories are supported; group services into fewer categories.");
        }

        for (var i = 0; i < options.Categories.Count; i++)
        {
            var category = options.Categories[i];
            var path = $"{Section}:Categories:{i}";
            if (category is null)
            {
                errors.Add($"{path} is empty. Remove it or give it a Key.");
                continue;
            }

            if (!IsValidKey(category.Key))
            {
                errors.Add($"{path}:Key '{category.Key}' is not a valid category key. Use 1 to 32 lowercase letters, digits, '-' or '_', starting with a letter or digit, for example 'analytics'.");
            }
            else if (firstIndex.TryGetValue(category.Key, out var first))
            {
                errors.Add($"{path}:Key '{category.Key}' is already used by {Section}:Categories:{first}. Each category key must be unique: rename one or merge them.");
            }
            else
            {
                firstIndex.Add(category.Key, i);
                keys.Add(category.Key);
            }

            if (category.GrantedByDefault && !category.Required)
            {
                errors.Add($"{path}:GrantedByDefault is true for the optional category '{category.Key}'. Optional categories must stay off until the visitor grants them: remove GrantedByDefault, or set Required to true if the site cannot work without it.");
            }
        }

        return keys;
    }

    private static void ValidateServices(ConsentKitOptions options, HashSet<string> categoryKeys, List<string> errors)
    {
        var serviceKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (options.Services.Count > MaxCategories)
        {
            errors.Add($"{Section}:Services has {options.Services.Count} entries. At most {MaxCategories} services are supported; describe related tools as one service.");
        }

        for (var i = 0; i < options.Services.Count; i++)
        {
            var service = options.Services[i];
            var path = $"{Section}:Services:{i}";
            if (service is null)
            {
                errors.Add($"{path} is empty. Remove it or give it a Name and a Category.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(service.Name))
            {
                errors.Add($"{path}:Name is missing. Give the service the name visitors know it by, for example 'Hotjar'.");
            }

            if (string.IsNullOrWhiteSpace(service.Category))
            {
                errors.Add($"{path}:Category is missing. Set it to the key of one of the categories: {string.Join(", ", categoryKeys)}.");
            }
            else if (!categoryKeys.Contains(service.Category))
            {
                errors.Add($"{path}:Category '{service.Category}' does not match any category key. Use one of: {string.Join(", ", categoryKeys)}, or add the category under {Section}:Categories.");
            }

            ValidateUrl(service.PrivacyPolicyUrl, $"{path}:PrivacyPolicyUrl", errors);

            if (!string.IsNullOrWhiteSpace(service.Name) || !string.IsNullOrWhiteSpace(service.Key))
            {
                var key = Consent.ConsentService.KeyOf(service);
                if (!IsValidKey(key))
                {
                    errors.Add($"{path}:Key '{key}' is not a valid service key. Set Key to 1 to 32 lowercase letters, digits, '-' or '_', for example 'hotjar'.");
                }
                else if (categoryKeys.Contains(key))
                {
                    errors.Add($"{path}:Key '{key}' is also a category key. Give the service a Key of its own, for example '{key}-service'.");
                }
                else if (!serviceKeys.Add(key))
                {
                    errors.Add($"{path}:Key '{key}' is used by another service. Give each service a Key of its own.");
                }
            }

            for (var j = 0; j < service.Cookies.Count; j++)
            {
                var cookie = service.Cookies[j];
                var cookiePath = $"{path}:Cookies:{j}:Name";
                if (cookie is null || string.IsNullOrWhiteSpace(cookie.Name))
                {
                    errors.Add($"{cookiePath} is missing. Give the cookie's exact name, or a prefix ending in '*' such as '_hjSession_*'.");
                }
                else if (cookie.Name.IndexOf('*') is var star && star >= 0 && star != cookie.Name.Length - 1)
                {
                    errors.Add($"{cookiePath} '{cookie.Name}' has a '*' before its end. Only a trailing '*' (a name prefix) is supported, for example '_hjSession_*'.");
                }
                else if (cookie.Name.AsSpan().IndexOfAny(" ;,=\"\t") >= 0)
                {
                    errors.Add($"{cookiePath} '{cookie.Name}' contains a character that cookie names cannot hold (space, ';', ',', '=' or '\"').");
                }

                if (cookie is not null && (string.IsNullOrEmpty(cookie.Path) || cookie.Path[0] != '/'))
                {
                    errors.Add($"{path}:Cookies:{j}:Path '{cookie.Path}' must start with '/'. Use the path the cookie is set on; '/' when unsure.");
                }

                for (var k = 0; cookie is not null && k < cookie.Domains.Count; k++)
                {
                    if (string.IsNullOrWhiteSpace(cookie.Domains[k]) || cookie.Domains[k].AsSpan().IndexOfAny(" /:;,") >= 0)
                    {
                        errors.Add($"{path}:Cookies:{j}:Domains:{k} '{cookie.Domains[k]}' is not a cookie domain. Use a host name such as 'example.com' or '.example.com'.");
                    }
                }
            }
        }

        ValidateUrl(options.PrivacyPolicyUrl, $"{Section}:PrivacyPolicyUrl", errors);

        for (var i = 0; i < options.NecessaryCookiePrefixes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.NecessaryCookiePrefixes[i]))
            {
                errors.Add($"{Section}:NecessaryCookiePrefixes:{i} is empty, which would make every cookie necessary. Remove it or give a real prefix such as '.AspNetCore.'.");
            }
        }
    }

    private static void ValidateCookie(ConsentCookieOptions cookie, List<string> errors)
    {
        const string path = $"{Section}:Cookie";
        if (string.IsNullOrWhiteSpace(cookie.Name) || !CookieNamePattern().IsMatch(cookie.Name))
        {
            errors.Add($"{path}:Name '{cookie.Name}' is not a valid cookie name. Use letters, digits and '.', '_' or '-', for example '.ConsentKit'.");
        }

        if (cookie.Lifetime <= TimeSpan.Zero)
        {
            errors.Add($"{path}:Lifetime '{cookie.Lifetime}' must be positive. Use for example '182.00:00:00' (six months, the default).");
        }
        else if (cookie.Lifetime > ConsentCookieOptions.MaxLifetime)
        {
            errors.Add($"{path}:Lifetime '{cookie.Lifetime}' is longer than 395 days (13 months), the most regulators accept before asking again. Use at most '395.00:00:00'; the default is '182.00:00:00'.");
        }

        if (cookie.SameSite == SameSiteMode.None && cookie.Secure != CookieSecurePolicy.Always)
        {
            errors.Add($"{path}:SameSite is None but {path}:Secure is {cookie.Secure}. Browsers drop SameSite=None cookies that are not Secure: set Secure to Always or use SameSite Lax.");
        }

        if (string.IsNullOrEmpty(cookie.Path) || cookie.Path[0] != '/')
        {
            errors.Add($"{path}:Path '{cookie.Path}' must start with '/'. Use '/' unless the site lives under a sub-path.");
        }
    }

    private static void ValidateUrl(string? url, string path, List<string> errors)
    {
        if (url is null)
        {
            return;
        }

        if (!Http.LocalRedirect.IsLocal(url) && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add($"{path} '{url}' is not a usable link. Use a path on this site such as '/privacy' or an absolute http(s) URL.");
        }
    }

    private static void ValidateLanguages(ConsentKitOptions options, List<string> errors)
    {
        if (!IsCulture(options.DefaultLanguage))
        {
            errors.Add($"{Section}:DefaultLanguage '{options.DefaultLanguage}' is not a culture name. Use a language tag such as 'en' or 'fr-CA'.");
        }

        foreach (var culture in options.Translations.Keys.Where(k => !IsCulture(k)))
        {
            errors.Add($"{Section}:Translations:{culture} is not a culture name. Key translations by language tag, such as 'fr' or 'fr-CA'.");
        }

        for (var i = 0; i < options.Categories.Count; i++)
        {
            foreach (var culture in options.Categories[i]?.Translations.Keys.Where(k => !IsCulture(k)) ?? [])
            {
                errors.Add($"{Section}:Categories:{i}:Translations:{culture} is not a culture name. Key translations by language tag, such as 'fr' or 'fr-CA'.");
            }
        }
    }

    private static void ValidateGoogleConsentMode(ConsentKitOptions options, HashSet<string> categoryKeys, List<string> errors)
    {
        foreach (var (type, category) in options.GoogleConsentMode.Types)
        {
            if (!TagHelpers.GoogleConsentModeMapping.Types.Contains(type))
            {
                errors.Add($"{Section}:GoogleConsentMode:Types:{type} is not a Google Consent Mode v2 type. Use one of: {string.Join(", ", TagHelpers.GoogleConsentModeMapping.Types)}.");
            }
            else if (!categoryKeys.Contains(category))
            {
                errors.Add($"{Section}:GoogleConsentMode:Types:{type} '{category}' does not match any category key. Use one of: {string.Join(", ", categoryKeys)}.");
            }
        }
    }

    private static bool IsCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            return !string.IsNullOrEmpty(System.Globalization.CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name);
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }

    internal static bool IsValidKey(string? key) => key is not null && CategoryKeyPattern().IsMatch(key);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryKeyPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CookieNamePattern();
}
