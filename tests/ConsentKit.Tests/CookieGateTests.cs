using System.Net;
using ConsentKit.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Tests;

/// <summary>
/// The cookie gate: a Set-Cookie header of a declared cookie reaches the browser only when the visitor granted
/// its category, whether the app wrote it through Response.Cookies or as a raw header; deletions, the consent
/// cookie and ASP.NET Core's own cookies always pass; undeclared cookies follow ConsentKit:UndeclaredCookies.
/// </summary>
public sealed class CookieGateTests
{
    // The test endpoint writes the cookies of its "set" parameters first, then its "raw" headers.
    // Declared: crisp-session (necessary), _hjSession_* (analytics, a prefix), ads_id (marketing).
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Services:0:Cookies:0:Name"] = "crisp-session";
        settings["ConsentKit:Services:2:Cookies:0:Name"] = "ads_id";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Theory]
    [InlineData("set=_hjSession_42")]
    [InlineData("raw=_hjSession_42%3D1%3B%20path%3D%2F%3B%20max-age%3D1800")]
    [InlineData("raw=_hjSession_42%3D1%3B%20max-age%3D0600")]
    [InlineData("set=ads_id")]
    [InlineData("raw=ads_id%3Dabc")]
    public async Task SetCookie_DeclaredCategoryNotGranted_Dropped(string query)
    {
        // Arrange
        await using var site = await TestSite.StartAsync(Settings());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/_test/response?" + query);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.SetCookieHeaders());
        Assert.Empty(visitor.Cookies.Names);
    }

    [Theory]
    [InlineData("set=_hjSession_42", "_hjSession_42")]
    [InlineData("raw=_hjSession_42%3D1%3B%20path%3D%2F", "_hjSession_42")]
    [InlineData("set=ads_id", "ads_id")]
    [InlineData("raw=ads_id%3Dabc", "ads_id")]
    public async Task SetCookie_DeclaredCategoryGranted_Kept(string query, string name)
    {
        // Arrange
        await using var site = await TestSite.StartAsync(Settings());
        using var visitor = site.CreateVisitor();
        await AcceptAllAsync(visitor);

        // Act
        using var response = await visitor.GetAsync("/_test/response?" + query);

        // Assert
        Assert.NotNull(response.GetSetCookie(name));
        Assert.NotNull(visitor.Cookies[name]);
    }

    [Fact]
    public async Task SetCookie_OnlyAnotherCategoryGranted_DroppedWhileTheGrantedOnePasses()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(Settings());
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();
        (await visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", token)).Dispose();

        // Act
        using var response = await visitor.GetAsync("/_test/response?set=ads_id&set=_hjSession_1");

        // Assert
        Assert.Null(response.GetSetCookie("ads_id"));
        Assert.NotNull(response.GetSetCookie("_hjSession_1"));
    }

    [Fact]
    public async Task SetCookie_RequiredCategoryBeforeDecision_Kept()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(Settings());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/_test/response?set=crisp-session&raw=crisp-session%3D2");

        // Assert
        Assert.Equal(2, response.SetCookieHeaders().Count(h => h.StartsWith("crisp-session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SetCookie_SeveralHeaders_OnlyDeniedOnesRemovedInOrder()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(Settings());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/_test/response?set=first&set=_hjSession_1&raw=second%3D2&raw=ads_id%3D3&set=crisp-session");

        // Assert
        Assert.Equal(["first", "crisp-session", "second"], response.SetCookieHeaders().Select(h => h[..h.IndexOf('=')]));
    }

    [Theory]
    [InlineData("_hjSession_", false)]
    [InlineData("_hjSession_abc", false)]
    [InlineData("_hjSession", true)] // shorter than the declared prefix: not declared
    [InlineData("x_hjSession_abc", true)] // a prefix matches the start of the name only
    [InlineData("_HJSESSION_abc", true)] // cookie names are case-sensitive
    public async Task SetCookie_PrefixDeclaration_MatchesNamesThatStartWithIt(string name, bool kept)
    {
        // Arrange
        await using var site = await TestSite.StartAsync(Settings());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/_test/response?set=" + name);

        // Assert
        Assert.Equal(kept, response.GetSetCookie(name) is not null);
    }

    [Theory]
    [InlineData("delete=_hjSession_1")]
    [InlineData("raw=_hjSession_1%3D%3B%20max-age%3D0%3B%20path%3D%2F")]
    [InlineData("raw=ads_id%3D%3B%20expires%3DThu%2C%2001%20Jan%201970%2000%3A00%3A00%20GMT")]
    public async Task SetCookie_DeletionOfDeclaredCookieNotGranted_Kept(string query)
    {
        // Arrange: removing a cookie never tracks anyone
        await using var site = await TestSite.StartAsync(Settings());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/_test/response?" + query);

        // Assert
        var header = Assert.Single(response.SetCookieHeaders());
        Assert.StartsWith(query.Contains("ads_id", StringComparison.Ordinal) ? "ads_id=;" : "_hjSession_1=;", header);
    }

    [Fact]
    public async Task SetCookie_UndeclaredWithDefaultPolicy_Kept()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(Settings());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/_test/response?set=theme&raw=lang%3Dfr");

        // Assert
        Assert.NotNull(response.GetSetCookie("theme"));
        Assert.NotNull(response.GetSetCookie("lang"));
    }

    [Fact]
    public async Task SetCookie_UndeclaredWithBlockPolicy_DroppedButConsentAndFrameworkCookiesKept()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(Settings(("ConsentKit:UndeclaredCookies", "Block")));
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync(
            "/_test/response?set=theme&raw=.ConsentKit%3Dabc&set=.AspNetCore.Session&raw=.AspNetCore.Antiforgery.x%3D1&set=crisp-session");

        // Assert
        Assert.Equal(
            [".AspNetCore.Session", "crisp-session", ".ConsentKit", ".AspNetCore.Antiforgery.x"],
            response.SetCookieHeaders().Select(h => h[..h.IndexOf('=')]));
    }

    [Fact]
    public async Task SetCookie_UndeclaredWithBlockPolicy_ConfiguredNecessaryPrefixKept()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(Settings(
            ("ConsentKit:UndeclaredCookies", "Block"),
            ("ConsentKit:NecessaryCookiePrefixes:0", "app_")));
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/_test/response?set=app_cart&set=cart");

        // Assert
        Assert.NotNull(response.GetSetCookie("app_cart"));
        Assert.Null(response.GetSetCookie("cart"));
    }

    [Fact]
    public async Task SetCookie_UndeclaredInDevelopment_WarnsOncePerName()
    {
        // Arrange
        var logs = new TestLogs();
        await using var site = await TestSite.StartAsync(
            Settings(),
            logs.AddTo,
            environment: "Development");
        using var visitor = site.CreateVisitor();

        // Act
        (await visitor.GetAsync("/_test/response?set=theme")).Dispose();
        (await visitor.GetAsync("/_test/response?set=theme&set=lang")).Dispose();
        using var third = await visitor.GetAsync("/_test/response?set=lang&set=theme");

        // Assert
        Assert.NotNull(third.GetSetCookie("theme")); // let through all the same
        var warnings = logs.ConsentKit(eventId: 8);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Contains("'theme'", warnings[0].Message);
        Assert.Contains("'lang'", warnings[1].Message);
    }

    [Fact]
    public async Task SetCookie_UndeclaredOutsideDevelopment_NoWarning()
    {
        // Arrange
        var logs = new TestLogs();
        await using var site = await TestSite.StartAsync(Settings(), logs.AddTo);
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/_test/response?set=theme");

        // Assert
        Assert.NotNull(response.GetSetCookie("theme"));
        Assert.Empty(logs.ConsentKit(eventId: 8));
        Assert.NotEmpty(logs.Entries); // the provider does receive the host's messages
    }

    [Fact]
    public async Task SetCookie_DeclaredOrFrameworkCookieInDevelopment_NoUndeclaredWarning()
    {
        // Arrange
        var logs = new TestLogs();
        await using var site = await TestSite.StartAsync(
            Settings(),
            logs.AddTo,
            environment: "Development");
        using var visitor = site.CreateVisitor();

        // Act
        (await visitor.GetAsync("/_test/response?set=crisp-session&set=_hjSession_1&set=.AspNetCore.Session")).Dispose();

        // Assert
        Assert.Empty(logs.ConsentKit(eventId: 8));
        var dropped = Assert.Single(logs.ConsentKit(eventId: 7));
        Assert.Contains("'_hjSession_1'", dropped.Message);
        Assert.Contains("'analytics'", dropped.Message);
    }

    private static async Task AcceptAllAsync(Visitor visitor)
    {
        var token = await visitor.GetAntiforgeryTokenAsync();
        using var response = await visitor.PostJsonAsync("""{"action":"accept-all"}""", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
