using ConsentKit.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>"Reject all" with JavaScript: the analytics snippet never runs, now or on later visits.</summary>
public sealed class RejectAllTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    [Fact]
    public async Task RejectAll_WithJavaScript_SnippetDoesNotRun()
    {
        await GotoAsync("/");

        await Banner.RejectAll.ClickAsync();

        // The client script closes the banner and activates granted scripts in one go:
        // once the banner shows "decided", an activated snippet would already have run.
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.Null(await GlobalTypeAsync("_hjSettings"));
        await Expect(Page.Locator("script[type='text/plain'][data-consent-category=analytics]")).ToHaveCountAsync(1);
        Assert.Empty(HotjarRequests);
    }

    [Fact]
    public async Task RejectAll_WithJavaScript_HidesPanelAndStoresConsentCookie()
    {
        await GotoAsync("/");

        await Banner.RejectAll.ClickAsync();

        await Expect(Banner.Form).ToBeHiddenAsync();
        await Expect(Banner.CookieSettings).ToBeVisibleAsync();
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();
        var cookie = await ConsentCookieAsync();
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
    }

    [Fact]
    public async Task RejectAll_ThenReload_BannerGoneAndSnippetStillDoesNotRun()
    {
        await GotoAsync("/");
        await Banner.RejectAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");

        var response = await Page.ReloadAsync();

        Assert.Equal(200, response!.Status);
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Expect(Banner.Form).ToBeHiddenAsync();
        await Expect(Banner.CookieSettings).ToBeVisibleAsync();
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.Null(await GlobalTypeAsync("_hjSettings"));
        Assert.Empty(HotjarRequests);
        // The decision is remembered, not asked again: the analytics box reflects "not granted".
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();
    }
}
