namespace ConsentKit.TagHelpers;

/// <summary>
/// The query parameter that asks a page for the banner's preferences, open: <c>consentkit=preferences</c>. Pages of a
/// visitor who decided link to themselves with it instead of carrying the preferences, so it works without JavaScript.
/// </summary>
internal static class PreferencesQuery
{
    public const string Parameter = "consentkit=preferences";

    /// <summary>Returns <see langword="true"/> when <paramref name="query"/> (<c>?a=1&amp;b=2</c>) holds the parameter, exactly.</summary>
    public static bool IsIn(string? query) => IndexIn(query) >= 0;

    /// <summary>Returns <paramref name="query"/> without the parameter (every occurrence), or as is when it has none.</summary>
    public static string? Remove(string? query)
    {
        var index = IndexIn(query);
        if (index < 0)
        {
            return query;
        }

        // Drop the parameter with the separator after it, or before it when it is last ("?a=1&consentkit=preferences").
        var end = index + Parameter.Length;
        var rest = end < query!.Length ? query[(end + 1)..] : "";
        var kept = (index > 1 ? query[1..(index - 1)] : "") + (index > 1 && rest.Length > 0 ? "&" : "") + rest;
        return Remove(kept.Length == 0 ? "" : "?" + kept);
    }

    /// <summary>Returns <paramref name="urlOrQuery"/> (<c>/page?a=1</c>, <c>?a=1</c>, or without a query) with the parameter appended.</summary>
    public static string Add(string? urlOrQuery) => urlOrQuery + (urlOrQuery?.Contains('?') == true ? "&" : "?") + Parameter;

    // The parameter as a whole name=value pair: after '?' or '&', before '&' or the end.
    private static int IndexIn(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return -1;
        }

        for (var index = query.IndexOf(Parameter, StringComparison.Ordinal); index > 0; index = query.IndexOf(Parameter, index + 1, StringComparison.Ordinal))
        {
            var end = index + Parameter.Length;
            if (query[index - 1] is '?' or '&' && (end == query.Length || query[end] == '&'))
            {
                return index;
            }
        }

        return -1;
    }
}
