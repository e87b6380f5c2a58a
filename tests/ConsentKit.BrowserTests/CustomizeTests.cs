using ConsentKit.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>"Customize" with JavaScript: the visitor's per-category choice decides what runs.</summary>
public sealed class CustomizeTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    [Fact]
    public async Task Customize_Open_ShowsCategoriesWithNecessaryLocked()
    {
        await GotoAsync("/");
        await Expect(Banner.SaveChoices).ToBeHiddenAsync();

        await Banner.Customize.ClickAsync();

        await Expect(Banner.Necessary).ToBeVisibleAsync();
        await Expect(Banner.Necessary).ToBeCheckedAsync();
        await Expect(Banner.Necessary).ToBeDisabledAsync();
        await Expect(Banner.Analytics).ToBeVisibleAsync();
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();
        await Expect(Banner.Analytics).ToBeEnabledAsync();
        await Expect(Banner.SaveChoices).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SaveChoices_AnalyticsChecked_RunsSnippetWithoutReload()
    {
        await GotoAsync("/");
        await Page.EvaluateAsync("() => { window.__samePage = 'before the click'; }");
        await Banner.Customize.ClickAsync();
        await Banner.Analytics.CheckAsync();

        var hotjarRequest = await Page.RunAndWaitForRequestAsync(() => Banner.SaveChoices.ClickAsync(), IsHotjar);

        Assert.StartsWith("https://static.hotjar.com/c/hotjar-1000000.js", hotjarRequest.Url, StringComparison.Ordinal);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        Assert.Equal("before the click", await Page.EvaluateAsync<string?>("() => window.__samePage"));
        await Expect(Banner.Form).ToBeHiddenAsync();
        Assert.NotNull(await ConsentCookieAsync());

        await Page.ReloadAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        await Expect(Banner.Analytics).ToBeCheckedAsync();
    }

    [Fact]
    public async Task SaveChoices_AnalyticsUnchecked_SnippetDoesNotRun()
    {
        await GotoAsync("/");
        await Banner.Customize.ClickAsync();
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();

        await Banner.SaveChoices.ClickAsync();

        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Expect(Banner.Form).ToBeHiddenAsync();
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.NotNull(await ConsentCookieAsync());

        await Page.ReloadAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.Empty(HotjarRequests);
    }
}
