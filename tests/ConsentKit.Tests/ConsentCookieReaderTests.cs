using ConsentKit.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConsentKit.Tests;

// The reader must find exactly what ASP.NET Core's cookie parser finds: a different answer could read
// a consent the framework (and the site) would not see. Each case is checked against Request.Cookies.
public class ConsentCookieReaderTests
{
    private const string Name = ".ConsentKit";

    public static TheoryData<string> Headers => new()
    {
        "",
        ".ConsentKit=1.abc",
        "a=1; .ConsentKit=1.abc; b=2",
        ".ConsentKit=1.first; .ConsentKit=1.second",
        ".ConsentKit=1.first; .CONSENTKIT=1.second",
        ".ConsentKit=1.first; .ConsentKit=",
        ".ConsentKit=",
        ".ConsentKit=1.a=b==",
        ".ConsentKitX=1.abc",
        "X.ConsentKit=1.abc",
        ".ConsentKit=\"1.abc\"",
        ".ConsentKit=1.%41bc",
        ".ConsentKit=1.abc;b=2",
        ".ConsentKit=1.abc ; b=2",
        ".ConsentKit=1.abc,b=2",
        ".ConsentKit=1.abc; ",
        "; .ConsentKit=1.abc",
        ".ConsentKit=1.abc; b=2 x",
        ".ConsentKit=1.abc; x(y=1",
        "x(.ConsentKit=1.abc",
        ".ConsentKit =1.abc",
        ".ConsentKit= 1.abc",
        ".ConsentKit=1.a b",
        ".ConsentKit=1.a\\b",
        ".ConsentKit=1.ab\u00e9",
        "=1.abc; .ConsentKit=1.def",
        ".ConsentKit=1.abc;; b=2",
        "a; .ConsentKit=1.abc",
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Read_AnyHeader_FindsWhatRequestCookiesFinds(string header)
    {
        var expected = Request(header).Cookies[Name] ?? "";

        var found = ConsentCookieReader.Read(Request(header), Name, out _).ToString();

        Assert.Equal(expected, found);
    }

    [Fact]
    public void Read_RandomHeaders_FindsWhatRequestCookiesFinds()
    {
        // Headers of cookie-ish pieces in random order: separators, quotes, escapes, spaces and our name in other cases.
        string[] pieces = [".ConsentKit", ".consentkit", "a", "=", "1.x", "1.y=", "; ", ";", " ", ",", "\"", "%41", "(", "\t", ""];
        var random = new Random(6);
        for (var i = 0; i < 20_000; i++)
        {
            var header = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = Request(header).Cookies[Name] ?? "";

            var found = ConsentCookieReader.Read(Request(header), Name, out _).ToString();

            Assert.True(expected == found, $"header [{header}]: parser [{expected}], reader [{found}]");
        }
    }

    [Fact]
    public void Read_TwoCookieHeaders_FindsWhatRequestCookiesFinds()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Append("Cookie", ".ConsentKit=1.first");
        context.Request.Headers.Append("Cookie", ".ConsentKit=1.second");

        var found = ConsentCookieReader.Read(context.Request, Name, out var parsed).ToString();

        Assert.Equal("1.second", found);
        Assert.Equal("1.second", parsed);
    }

    [Fact]
    public void Read_CookiesFeatureReplaced_ReadsTheReplacement()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = ".ConsentKit=1.header";
        context.Features.Set<IRequestCookiesFeature>(new RequestCookiesFeature(new Dictionary<string, string> { [Name] = "1.replaced" }.ToCookies()));

        var found = ConsentCookieReader.Read(context.Request, Name, out _).ToString();

        Assert.Equal("1.replaced", found);
    }

    [Fact]
    public void Read_PlainHeader_NeedsNoParsedCookies()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "a=1; .ConsentKit=1.abc";

        var found = ConsentCookieReader.Read(context.Request, Name, out var parsed).ToString();

        Assert.Equal("1.abc", found);
        Assert.Null(parsed);
        Assert.Null(context.Features.Get<IRequestCookiesFeature>()); // the header was not parsed into Request.Cookies
    }

    private static HttpRequest Request(string header)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = header;
        return context.Request;
    }
}

internal static class CookieDictionaryExtensions
{
    public static IRequestCookieCollection ToCookies(this Dictionary<string, string> cookies)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
        return context.Request.Cookies;
    }
}
