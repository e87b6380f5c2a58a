using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>A visitor who has not decided yet: the banner asks, and nothing optional runs.</summary>
public sealed class FirstVisitTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    [Fact]
    public async Task Banner_FirstVisit_ShowsHeadingAndThreeChoices()
    {
        await GotoAsync("/");

        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "undecided");
        await Expect(Banner.Heading).ToBeVisibleAsync();
        await Expect(Banner.AcceptAll).ToBeVisibleAsync();
        await Expect(Banner.RejectAll).ToBeVisibleAsync();
        await Expect(Banner.Customize).ToBeVisibleAsync();
        await Expect(Banner.AcceptAll).ToHaveTextAsync("Accept all");
        await Expect(Banner.RejectAll).ToHaveTextAsync("Reject all");
        await Expect(Banner.Customize).ToHaveTextAsync("Customize");
        await Expect(Banner.CookieSettings).ToBeHiddenAsync();
        // The preferences wait, closed, in the script's dialog.
        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.SaveChoices).ToBeHiddenAsync();
        await Expect(Banner.Root.GetByRole(AriaRole.Link, new() { Name = "Privacy policy" })).ToHaveAttributeAsync("href", "/privacy");
    }

    [Fact]
    public async Task AnalyticsSnippet_FirstVisit_DoesNotRunOrRequestHotjar()
    {
        await GotoAsync("/");

        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.Null(await GlobalTypeAsync("_hjSettings"));
        Assert.Null(await GlobalTypeAsync("hj"));
        await Expect(Page.Locator("script[type='text/plain'][data-consent-category=hotjar]")).ToHaveCountAsync(1);
        Assert.Empty(HotjarRequests);
    }

    [Fact]
    public async Task NecessaryScript_FirstVisit_RunsWithoutConsent()
    {
        await GotoAsync("/");

        // The Crisp loader is "necessary": it ran (its request was attempted) while the analytics one did not.
        Assert.Equal("object", await GlobalTypeAsync("$crisp"));
        Assert.Contains(BlockedRequests, url => url.StartsWith("https://client.crisp.chat/", StringComparison.Ordinal));
        Assert.Empty(HotjarRequests);
    }

    [Fact]
    public async Task ConsentCookie_FirstVisit_IsNotSet()
    {
        await GotoAsync("/");

        Assert.Null(await ConsentCookieAsync());
    }
}
