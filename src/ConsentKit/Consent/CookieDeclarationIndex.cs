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
                foreach (var cookie in service.Cookies)
                {
                    if (cookie.Name.EndsWith('*'))
                    {
                        prefixes.Add(new DeclaredCookie(cookie.Name[..^1], category, cookie));
                    }
                    else
                    {
                        exact.TryAdd(cookie.Name, new DeclaredCookie(cookie.Name, category, cookie));
                    }
                }
            }
        }

        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        _exactBySpan = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixes = [.. prefixes.OrderByDescending(p => p.Name.Length)];
        All = [.. _exact.Values, .. _prefixes];
    }

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
}
