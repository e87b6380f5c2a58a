using System.Text.Json;
using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>
/// The server enforces the visitor's choice: ConsentKit's cookie gate keeps the sample's server-set, HttpOnly
/// analytics cookie (<c>sample_visitor</c>) out of the browser until analytics is granted and expires it when
/// analytics is withdrawn; the tracking endpoint refuses to work without consent.
/// </summary>
public sealed class ServerEnforcementTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    private const string VisitorCookieName = "sample_visitor";

    [Fact]
    public async Task VisitorCookie_TwoPagesBeforeConsent_IsNeverStored()
    {
        await GotoAsync("/");
        await GotoAsync("/pricing");

        Assert.Null(await CookieAsync(VisitorCookieName));
        // Nothing at all is stored before a choice: Chromium sends Fetch Metadata, so the banner's form needs
        // no antiforgery cookie either (the next test shows the same jar does take the cookie after consent).
        Assert.Empty(await Context.CookiesAsync([Site.BaseUrl]));
    }

    [Fact]
    public async Task VisitorCookie_AcceptAllThenNavigate_IsStoredHttpOnly()
    {
        await GotoAsync("/");
        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");

        await GotoAsync("/pricing");

        var cookie = await CookieAsync(VisitorCookieName);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Matches("^[0-9a-f]{16}$", cookie.Value);
        Assert.DoesNotContain(VisitorCookieName, await Page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VisitorCookie_RejectAllFromCookieSettings_IsExpiredAndStaysAway()
    {
        await GotoAsync("/");
        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await GotoAsync("/pricing");
        Assert.NotNull(await CookieAsync(VisitorCookieName));

        await Banner.CookieSettings.ClickAsync(); // the first layer again
        var decision = await Page.RunAndWaitForResponseAsync(() => Banner.RejectAll.ClickAsync(), r => r.Url == Site.BaseUrl + "/_consent");
        await Expect(Banner.Root).ToHaveAttributeAsync("data-granted", "necessary");

        // The decision's own response expires the HttpOnly cookie that no page script could delete.
        Assert.Equal(200, decision.Status);
        Assert.Null(await CookieAsync(VisitorCookieName));

        await GotoAsync("/");
        await GotoAsync("/privacy");
        Assert.Null(await CookieAsync(VisitorCookieName));
    }

    [Fact]
    public async Task Track_FetchBeforeAndAfterConsent_Answers403Then200()
    {
        await GotoAsync("/");

        var before = await TrackAsync();
        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        var after = await TrackAsync();

        Assert.Equal(403, before.Status);
        Assert.Equal(200, after.Status);
    }

    [Fact]
    public async Task Track_AfterConsentAndNavigation_SeesVisitorCookie()
    {
        await GotoAsync("/");
        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await GotoAsync("/pricing");
        var cookie = await CookieAsync(VisitorCookieName);
        Assert.NotNull(cookie);

        var track = await TrackAsync();

        Assert.Equal(200, track.Status);
        Assert.Equal(cookie.Value, JsonDocument.Parse(track.Body).RootElement.GetProperty("tracked").GetString());
    }

    // POSTs /track from the page, as a beacon on the page would.
    private Task<TrackResult> TrackAsync() =>
        Page.EvaluateAsync<TrackResult>("async () => { const r = await fetch('/track', { method: 'POST' }); return { Status: r.status, Body: await r.text() }; }");

    public sealed class TrackResult
    {
        public int Status { get; set; }

        public string Body { get; set; } = "";
    }
}
