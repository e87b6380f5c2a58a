using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConsentKit.Consent;

/// <summary>
/// Finds one cookie in the request without parsing the whole <c>Cookie</c> header into
/// <see cref="HttpRequest.Cookies"/> (a dictionary and a string per cookie, every request).
/// Only a header in the plain form browsers send (<c>name=value; name=value</c>, no quotes, no
/// percent-escapes, no stray characters) is read here; in that form ASP.NET Core's parser finds
/// exactly the same value (names compared ignoring case, the last non-empty one wins). Anything
/// else, and a request whose cookies were already parsed or replaced, is left to <see cref="HttpRequest.Cookies"/>.
/// </summary>
internal static class ConsentCookieReader
{
    // RFC 6265 token characters of a cookie name, less '%' (which would need unescaping).
    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("!#$&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    // RFC 6265 cookie-octets, less '%' (escapes) and with no quotes at all.
    private static readonly SearchValues<char> ValueChars =
        SearchValues.Create("!#$&'()*+-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Gets the value of the cookie <paramref name="name"/>, empty when the request has none.</summary>
    /// <param name="request">The request.</param>
    /// <param name="name">The cookie name.</param>
    /// <param name="parsed">The value as a string when <see cref="HttpRequest.Cookies"/> had to be used, else <see langword="null"/>.</param>
    /// <returns>The cookie's value (a slice of the header when <paramref name="parsed"/> is <see langword="null"/>).</returns>
    public static ReadOnlySpan<char> Read(HttpRequest request, string name, out string? parsed)
    {
        parsed = null;
        if (request.HttpContext.Features[typeof(IRequestCookiesFeature)] is null)
        {
            var headers = request.Headers.Cookie;
            if (headers.Count == 0)
            {
                return default;
            }

            if (headers.Count == 1 && TryFind(headers[0], name, out var value))
            {
                return value;
            }
        }

        parsed = request.Cookies[name];
        return parsed;
    }

    /// <summary>Finds the cookie in a header of the plain form; returns <see langword="false"/> for any other form.</summary>
    internal static bool TryFind(ReadOnlySpan<char> header, ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        value = default;
        var rest = header;
        while (!rest.IsEmpty)
        {
            var nameLength = rest.IndexOfAnyExcept(NameChars);
            if (nameLength <= 0 || rest[nameLength] != '=')
            {
                return false;
            }

            var afterEquals = rest[(nameLength + 1)..];
            var valueLength = afterEquals.IndexOfAnyExcept(ValueChars);
            if (valueLength < 0)
            {
                valueLength = afterEquals.Length;
            }

            // The parser keeps the last non-empty value of a name, whatever its case.
            if (valueLength > 0 && rest[..nameLength].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = afterEquals[..valueLength];
            }

            rest = afterEquals[valueLength..];
            if (rest.IsEmpty)
            {
                return true;
            }

            // Only the "; " browsers put between cookies; anything else goes to the full parser.
            if (!rest.StartsWith("; ", StringComparison.Ordinal) || rest.Length == 2)
            {
                value = default;
                return false;
            }

            rest = rest[2..];
        }

        return true;
    }
}
