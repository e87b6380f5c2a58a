using ConsentKit.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>A browser that sends <c>Sec-GPC: 1</c> has said no to tracking: "Accept all" keeps analytics and marketing off.</summary>
public sealed class GlobalPrivacyControlTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    [Fact]
    public async Task AcceptAll_WithGlobalPrivacyControl_KeepsAnalyticsAndMarketingOff()
    {
        await Context.SetExtraHTTPHeadersAsync([new("Sec-GPC", "1")]);
        await GotoAsync("/");
        await Expect(Banner.Root.Locator(".ck-gpc")).ToBeVisibleAsync();

        await Banner.AcceptAll.ClickAsync();

        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Expect(Banner.Root).ToHaveAttributeAsync("data-granted", "necessary");
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        await Page.ReloadAsync();
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.Null(await CookieAsync("sample_visitor"));
        Assert.Empty(HotjarRequests);
    }

    [Fact]
    public async Task Banner_WithoutGlobalPrivacyControl_ShowsNoGpcNote()
    {
        await GotoAsync("/");

        await Expect(Banner.AcceptAll).ToBeVisibleAsync();
        await Expect(Banner.Root.Locator(".ck-gpc")).ToHaveCountAsync(0);
    }
}
