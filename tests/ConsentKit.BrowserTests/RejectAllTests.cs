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
        await Expect(Page.Locator("script[type='text/plain'][data-consent-category=hotjar]")).ToHaveCountAsync(1);
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
    public async Task RejectAll_WithJavaScript_CollapsedBannerLeavesPageClickable()
    {
        await GotoAsync("/");

        await Banner.RejectAll.ClickAsync();
        await Expect(Banner.CookieSettings).ToBeVisibleAsync();

        // What stays of the banner is a small button, not a strip across the bottom of the page.
        var settings = await Banner.CookieSettings.BoundingBoxAsync();
        Assert.NotNull(settings);
        Assert.True(settings.Width < 320, $"The collapsed \"Cookie settings\" control is {settings.Width}px wide.");
        var bannerAtBottomCenter = await Page.EvaluateAsync<bool>(
            "() => !!document.elementFromPoint(innerWidth / 2, innerHeight - 4)?.closest('#consentkit')");
        Assert.False(bannerAtBottomCenter, "The collapsed banner still catches clicks across the bottom of the page.");
        // The footer's own "Cookie settings" link, at the bottom of the first screen, takes the click.
        await Banner.FooterCookieSettings.ClickAsync();
        await Expect(Banner.Dialog).ToBeVisibleAsync();
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
        // The decision is remembered, not asked again: the preferences stay off the page until asked for, and
        // their analytics box reflects "not granted".
        await Expect(Banner.Preferences).ToHaveCountAsync(0);
        await Banner.OpenPreferencesAfterDecisionAsync();
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();
    }
}
