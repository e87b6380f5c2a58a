using System.Collections.Frozen;
using ConsentKit.Configuration;

namespace ConsentKit.Consent;

/// <summary>Finds which declared cookie, and so which category, a cookie name belongs to.</summary>
internal sealed class CookieDeclarationIndex
{
    private readonly FrozenDictionary<string, DeclaredCookie> _exact;
    private readonly FrozenDictionary<string, DeclaredCookie>.AlternateLookup<ReadOnlySpan<char>> _exactBySpan;
    private readonly DeclaredCookie[] _prefixes; // longest first, so the most specific declaration wins

    public CookieDeclarationIndex(IReadOnlyList<ConsentCategory> categories)
    {
        var exact = new Dictionary<string, DeclaredCookie>(StringComparer.Ordinal);
        var prefixes = new List<DeclaredCookie>();
        foreach (var category in categories)
        {
            foreach (var service in category.Services)
            {
                foreach (var cookie in service.Options.Cookies)
                {
                    if (cookie.Name.EndsWith('*'))
                    {
                        prefixes.Add(new DeclaredCookie(cookie.Name[..^1], category, service, cookie));
                    }
                    else
                    {
                        exact.TryAdd(cookie.Name, new DeclaredCookie(cookie.Name, category, service, cookie));
                    }
                }
            }
        }

        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        _exactBySpan = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixes = [.. prefixes.OrderByDescending(p => p.Name.Length)];
        All = [.. _exact.Values, .. _prefixes];
        ClientJson = WriteClientJson(All);
    }

    /// <summary>
    /// Gets the optional cookies as JSON for the client script, which deletes those of denied categories
    /// that scripts can reach: <c>[[key, name or prefix, isPrefix, path, [domains]], …]</c>, the key being the
    /// service's where its category offers a choice per service, else the category's.
    /// </summary>
    public string ClientJson { get; }

    /// <summary>Gets every declaration; prefix declarations carry their prefix as <see cref="DeclaredCookie.Name"/>.</summary>
    public IReadOnlyList<DeclaredCookie> All { get; }

    public DeclaredCookie? Find(ReadOnlySpan<char> cookieName)
    {
        if (_exactBySpan.TryGetValue(cookieName, out var exact))
        {
            return exact;
        }

        foreach (var prefix in _prefixes)
        {
            if (cookieName.StartsWith(prefix.Name, StringComparison.Ordinal))
            {
                return prefix;
            }
        }

        return null;
    }

    private static string WriteClientJson(IEnumerable<DeclaredCookie> cookies) => TagHelpers.JsonText.Write(json =>
    {
        json.WriteStartArray();
        foreach (var cookie in cookies.Where(c => !c.Category.Required))
        {
            json.WriteStartArray();
            // The key the client finds among the granted keys exactly when the cookie may stay.
            json.WriteStringValue(cookie.Category.HasServiceChoices ? cookie.Service.Key : cookie.Category.Key);
            json.WriteStringValue(cookie.Name);
            json.WriteNumberValue(cookie.Declaration.Name.EndsWith('*') ? 1 : 0);
            json.WriteStringValue(cookie.Declaration.Path);
            json.WriteStartArray();
            foreach (var domain in cookie.Declaration.Domains)
            {
                json.WriteStringValue(domain);
            }

            json.WriteEndArray();
            json.WriteEndArray();
        }

        json.WriteEndArray();
    });
}
