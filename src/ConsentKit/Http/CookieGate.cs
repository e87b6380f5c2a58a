using System.Collections.Concurrent;
using ConsentKit.Configuration;
using ConsentKit.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ConsentKit.Http;

/// <summary>
/// Runs as the response starts: drops every <c>Set-Cookie</c> header (from <c>Response.Cookies</c> or
/// written raw) whose cookie is declared under a category the visitor has not granted, and marks
/// responses whose content depended on the consent state as private, so shared caches keep them per visitor.
/// </summary>
internal sealed class CookieGate(ConsentKitServices services, bool warnOnUndeclared)
{
    private static readonly StringValues PrivateDirective = new("private");
    private static readonly StringValues CookieVary = new("Cookie");

    // Warn once per undeclared cookie name, not once per response.
    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);

    /// <summary>The response-starting callback; static, with the feature as its state, so registering it captures nothing.</summary>
    public static readonly Func<object, Task> OnStarting = static state =>
    {
        var feature = (ConsentFeature)state;
        feature.Services.CookieGate.Apply(feature);
        return Task.CompletedTask;
    };

    public void Apply(ConsentFeature feature)
    {
        var headers = feature.Context.Response.Headers;
        if (feature.WasQueried)
        {
            MarkPrivate(headers);
        }

        var setCookies = headers.SetCookie;
        if (setCookies.Count == 0)
        {
            return;
        }

        List<string>? kept = null;
        for (var i = 0; i < setCookies.Count; i++)
        {
            var header = setCookies[i] ?? "";
            if (IsAllowed(feature, header))
            {
                kept?.Add(header);
            }
            else if (kept is null)
            {
                kept = new List<string>(setCookies.Count);
                for (var j = 0; j < i; j++)
                {
                    kept.Add(setCookies[j]!);
                }
            }
        }

        if (kept is not null)
        {
            headers.SetCookie = new StringValues(kept.ToArray());
        }
    }

    private bool IsAllowed(ConsentFeature feature, string header)
    {
        var policy = services.Policy;
        var name = CookieName(header);
        if (IsDeletion(header) || name.SequenceEqual(policy.Options.Cookie.Name))
        {
            return true; // expiring a cookie never tracks anyone, and the consent cookie needs no consent
        }

        if (policy.Cookies.Find(name) is { } declared)
        {
            if (declared.IsAllowed(feature.GrantedMask, feature.DeniedServicesMask))
            {
                return true;
            }

            ConsentKitLog.CookieDropped(services.Logger, name.ToString(), declared.Category.Key);
            return false;
        }

        foreach (var prefix in policy.Options.NecessaryCookiePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (policy.Options.UndeclaredCookies == UndeclaredCookiePolicy.Block)
        {
            ConsentKitLog.UndeclaredCookieBlocked(services.Logger, name.ToString());
            return false;
        }

        if (warnOnUndeclared && _warned.TryAdd(name.ToString(), 0))
        {
            ConsentKitLog.UndeclaredCookieAllowed(services.Logger, name.ToString());
        }

        return true;
    }

    private static ReadOnlySpan<char> CookieName(string header)
    {
        var span = header.AsSpan();
        var equals = span.IndexOf('=');
        return (equals < 0 ? span : span[..equals]).Trim();
    }

    // Response.Cookies.Delete writes an expiry in 1970; raw headers may use Max-Age=0 (or a negative one) instead.
    private static bool IsDeletion(string header)
    {
        if (header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var range in header.AsSpan().Split(';'))
        {
            var attribute = header.AsSpan()[range].Trim();
            if (attribute.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(attribute["max-age=".Length..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds <= 0;
            }
        }

        return false;
    }

    private static void MarkPrivate(IHeaderDictionary headers)
    {
        // The usual case, no caching headers yet: set both without reading them as strings.
        if (headers.CacheControl.Count == 0 && headers.Vary.Count == 0)
        {
            headers.CacheControl = PrivateDirective;
            headers.Vary = CookieVary;
            return;
        }

        var cacheControl = headers.CacheControl.ToString();
        if (cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (cacheControl.Length == 0)
        {
            headers.CacheControl = PrivateDirective; // the usual case: no allocation
        }
        else
        {
            var directives = cacheControl.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(d => !d.Equals("public", StringComparison.OrdinalIgnoreCase));
            headers.CacheControl = string.Join(", ", directives.Prepend("private"));
        }

        headers.Append(HeaderNames.Vary, CookieVary);
    }
}
