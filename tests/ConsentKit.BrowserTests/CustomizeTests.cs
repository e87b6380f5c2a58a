using ConsentKit.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>"Customize" with JavaScript: a modal dialog where the visitor's per-category choice decides what runs.</summary>
public sealed class CustomizeTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    [Fact]
    public async Task Customize_Open_ShowsModalDialogWithCategoriesAndNecessaryLocked()
    {
        await GotoAsync("/");
        await Expect(Banner.SaveChoices).ToBeHiddenAsync();

        await Banner.Customize.ClickAsync();

        await Expect(Banner.Dialog).ToBeVisibleAsync();
        Assert.True(await Banner.Dialog.EvaluateAsync<bool>("d => d.open && d.matches(':modal')"), "The preferences should open as a modal dialog.");
        await Expect(Banner.Dialog).ToHaveAccessibleNameAsync("Cookie preferences");
        await Expect(Banner.Dialog.Locator("#ck-prefs")).ToHaveCountAsync(1);
        await Expect(Banner.Close).ToBeVisibleAsync();
        await Expect(Banner.Necessary).ToBeVisibleAsync();
        await Expect(Banner.Necessary).ToBeCheckedAsync();
        await Expect(Banner.Necessary).ToBeDisabledAsync();
        await Expect(Banner.Analytics).ToBeVisibleAsync();
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();
        await Expect(Banner.Analytics).ToBeEnabledAsync();
        await Expect(Banner.Marketing).ToBeVisibleAsync();
        await Expect(Banner.Marketing).Not.ToBeCheckedAsync();
        await Expect(Banner.Marketing).ToBeEnabledAsync();
        await Expect(Banner.PreferencesRejectAll).ToBeVisibleAsync();
        await Expect(Banner.PreferencesAcceptAll).ToBeVisibleAsync();
        await Expect(Banner.SaveChoices).ToBeVisibleAsync();
        // Opening the preferences decides nothing.
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "undecided");
        Assert.Null(await ConsentCookieAsync());
    }

    [Fact]
    public async Task Customize_ServicesAndCookies_ListsEachCategorysServicesAndCookies()
    {
        await GotoAsync("/");
        await Banner.Customize.ClickAsync();
        var analytics = Banner.Preferences.Locator(".ck-category").Filter(new() { Has = Page.GetByLabel("Analytics", new() { Exact = true }) });
        var services = analytics.GetByText("Services and cookies", new() { Exact = true });
        await Expect(analytics.GetByText("_hjSession_*")).ToBeHiddenAsync();

        await services.ClickAsync();

        await Expect(analytics.GetByText("Hotjar", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(analytics.GetByText("_hjSession_*")).ToBeVisibleAsync();
        await Expect(analytics.GetByText("sample_visitor")).ToBeVisibleAsync();
        await Expect(analytics.GetByText("YouTube", new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SaveChoices_AnalyticsOnButHotjarOff_HotjarNeverRunsItsSiblingIsGranted()
    {
        await GotoAsync("/");
        await Banner.Customize.ClickAsync();
        await Banner.Analytics.CheckAsync();
        var analytics = Banner.Preferences.Locator(".ck-category").Filter(new() { Has = Page.GetByLabel("Analytics", new() { Exact = true }) });
        await analytics.GetByText("Services and cookies", new() { Exact = true }).ClickAsync();
        var hotjar = Banner.Preferences.GetByLabel("Hotjar", new() { Exact = true });
        await Expect(hotjar).ToBeCheckedAsync(); // granting a category grants all its services unless one is refused

        await hotjar.UncheckAsync();
        await Banner.SaveChoices.ClickAsync();

        await Expect(Banner.Root).ToHaveAttributeAsync("data-granted", "necessary analytics parcelwise-analytics");
        Assert.False(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"), "Hotjar was refused: its snippet must not run.");
        await Page.ReloadAsync();
        Assert.False(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"), "Hotjar was refused: its snippet must not run after a reload either.");
        await Banner.OpenPreferencesAfterDecisionAsync();
        await Expect(Page.Locator("#ck-s-hotjar")).Not.ToBeCheckedAsync();
        await Expect(Page.Locator("#ck-s-parcelwise-analytics")).ToBeCheckedAsync();
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
        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.Form).ToBeHiddenAsync();
        Assert.NotNull(await ConsentCookieAsync());

        await Page.ReloadAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        await Banner.OpenPreferencesAfterDecisionAsync();
        await Expect(Banner.Analytics).ToBeCheckedAsync();
        await Expect(Banner.Marketing).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task SaveChoices_AnalyticsUnchecked_SnippetDoesNotRun()
    {
        await GotoAsync("/");
        await Banner.Customize.ClickAsync();
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();

        await Banner.SaveChoices.ClickAsync();

        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.Form).ToBeHiddenAsync();
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.NotNull(await ConsentCookieAsync());

        await Page.ReloadAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.Empty(HotjarRequests);
    }

    [Fact]
    public async Task CloseButton_InDialog_ClosesWithoutDeciding()
    {
        await GotoAsync("/");
        await Banner.Customize.ClickAsync();
        await Banner.Analytics.CheckAsync();

        await Banner.Close.ClickAsync();

        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "undecided");
        await Expect(Banner.AcceptAll).ToBeVisibleAsync();
        Assert.Null(await ConsentCookieAsync());
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
    }
}
