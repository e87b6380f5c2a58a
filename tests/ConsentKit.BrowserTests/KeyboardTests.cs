using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>The banner with the keyboard alone: every choice is reachable with Tab and made with Enter or Space.</summary>
public sealed class KeyboardTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    // The page has a handful of links before the banner; more presses than that means the banner is unreachable.
    private const int MaxTabPresses = 20;

    [Fact]
    public async Task Tab_FromPageStart_ReachesAcceptRejectAndCustomizeInOrder()
    {
        await GotoAsync("/");

        await TabToAsync(Banner.AcceptAll);
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Banner.RejectAll).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Banner.Customize).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Enter_OnRejectAll_DecidesAndMovesFocusToCookieSettings()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.RejectAll);

        await Page.Keyboard.PressAsync("Enter");

        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Expect(Banner.Form).ToBeHiddenAsync();
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.NotNull(await ConsentCookieAsync());
    }

    [Fact]
    public async Task Keyboard_CustomizeCheckAnalyticsAndSave_RunsSnippet()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.Customize);

        await Page.Keyboard.PressAsync("Enter");
        await Expect(Banner.Analytics).ToBeVisibleAsync();
        await TabToAsync(Banner.Analytics);
        await Page.Keyboard.PressAsync("Space");
        await Expect(Banner.Analytics).ToBeCheckedAsync();
        await TabToAsync(Banner.SaveChoices);
        await Page.RunAndWaitForRequestAsync(() => Page.Keyboard.PressAsync("Enter"), IsHotjar);

        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Enter_OnCookieSettings_ReopensBannerWithChoicesReachable()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.RejectAll);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();

        await Page.Keyboard.PressAsync("Enter");

        await Expect(Banner.Form).ToBeVisibleAsync();
        await TabToAsync(Banner.AcceptAll);
    }

    // Presses Tab until the target has focus, failing if it never gets it.
    private async Task TabToAsync(ILocator target)
    {
        for (var presses = 0; presses < MaxTabPresses; presses++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{MaxTabPresses} presses of Tab never focused {target}; focus is on: " +
            await Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing'"));
    }
}
