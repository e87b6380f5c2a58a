using System.Net;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// A decision that denies a category expires, from the server, every cookie of that category the request
/// carried: host-only and on each declared domain, at the declared path, so HttpOnly and parent-domain
/// cookies that page scripts cannot remove go too. Other cookies are left alone.
/// </summary>
public sealed class DeniedCookieCleanupTests : IAsyncLifetime
{
    private const string Expired = "expires=Thu, 01 Jan 1970 00:00:00 GMT";

    private TestSite _site = null!;
    private Visitor _visitor = null!;

    public async ValueTask InitializeAsync()
    {
        // analytics: _hjSession_* (a prefix, path /) and _hjid (path /app, on two more domains); marketing: ads_id;
        // necessary: crisp-session
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Services:0:Cookies:0:Name"] = "crisp-session";
        settings["ConsentKit:Services:1:Cookies:1:Name"] = "_hjid";
        settings["ConsentKit:Services:1:Cookies:1:Path"] = "/app";
        settings["ConsentKit:Services:1:Cookies:1:Domains:0"] = ".example.com";
        settings["ConsentKit:Services:1:Cookies:1:Domains:1"] = "shop.example.com";
        settings["ConsentKit:Services:2:Cookies:0:Name"] = "ads_id";
        _site = await TestSite.StartAsync(settings);
        _visitor = _site.CreateVisitor();
    }

    public async ValueTask DisposeAsync()
    {
        _visitor.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task RejectAll_CarriedCookiesOfDeniedCategories_ExpiredOnHostAndEachDomainAtDeclaredPath()
    {
        // Arrange: cookies the trackers set in the browser before
        var token = await _visitor.GetAntiforgeryTokenAsync();
        CarryEveryKindOfCookie();

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"reject-all"}""", token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [
                $"_hjSession_7=; {Expired}; path=/",
                $"_hjid=; {Expired}; path=/app",
                $"_hjid=; {Expired}; domain=.example.com; path=/app",
                $"_hjid=; {Expired}; domain=shop.example.com; path=/app",
                $"ads_id=; {Expired}; path=/",
            ],
            Expirations(response).OrderBy(h => h[..h.IndexOf('=')], StringComparer.Ordinal)); // stable: each cookie's headers in written order
    }

    [Fact]
    public async Task RejectAll_CarriedCookies_BrowserKeepsOnlyNecessaryAndUndeclared()
    {
        // Arrange
        var token = await _visitor.GetAntiforgeryTokenAsync();
        CarryEveryKindOfCookie();

        // Act
        (await _visitor.PostJsonAsync("""{"action":"reject-all"}""", token)).Dispose();

        // Assert
        Assert.Null(_visitor.Cookies["_hjSession_7"]);
        Assert.Null(_visitor.Cookies["_hjid"]);
        Assert.Null(_visitor.Cookies["ads_id"]);
        Assert.Equal("4", _visitor.Cookies["crisp-session"]);
        Assert.Equal("5", _visitor.Cookies["theme"]);
    }

    [Fact]
    public async Task Save_OneCategoryGranted_OnlyTheDeniedCategoryExpired()
    {
        // Arrange
        var token = await _visitor.GetAntiforgeryTokenAsync();
        CarryEveryKindOfCookie();

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", token);

        // Assert
        Assert.Equal([$"ads_id=; {Expired}; path=/"], Expirations(response));
    }

    [Fact]
    public async Task AcceptAll_CarriedCookies_NoneExpired()
    {
        // Arrange
        var token = await _visitor.GetAntiforgeryTokenAsync();
        CarryEveryKindOfCookie();

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"accept-all"}""", token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Expirations(response));
    }

    [Fact]
    public async Task RejectAll_NoTrackerCookiesCarried_OnlyConsentCookieWritten()
    {
        // Arrange
        var token = await _visitor.GetAntiforgeryTokenAsync();

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"reject-all"}""", token);

        // Assert
        var header = Assert.Single(response.SetCookieHeaders());
        Assert.StartsWith(Visitor.ConsentCookie + "=", header);
    }

    [Fact]
    public async Task WithdrawConsent_TrackingFeature_ExpiresDeniedCookiesToo()
    {
        // Arrange
        CarryEveryKindOfCookie();

        // Act
        using var response = await _visitor.GetAsync("/_test/tracking/withdraw");

        // Assert
        Assert.Contains($"ads_id=; {Expired}; path=/", Expirations(response));
        Assert.Equal(5, Expirations(response).Count());
    }

    private void CarryEveryKindOfCookie()
    {
        _visitor.Cookies["_hjSession_7"] = "1";
        _visitor.Cookies["_hjid"] = "2";
        _visitor.Cookies["ads_id"] = "3";
        _visitor.Cookies["crisp-session"] = "4";
        _visitor.Cookies["theme"] = "5"; // undeclared
    }

    // Every Set-Cookie but the consent cookie and the antiforgery cookie.
    private static IEnumerable<string> Expirations(HttpResponseMessage response) =>
        response.SetCookieHeaders().Where(h => !h.StartsWith(Visitor.ConsentCookie + "=", StringComparison.Ordinal) && !h.StartsWith(".AspNetCore.", StringComparison.Ordinal));
}
