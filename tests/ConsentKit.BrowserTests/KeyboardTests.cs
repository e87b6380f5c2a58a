using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>
/// The banner and the preferences dialog with the keyboard alone: every choice is reachable with Tab and
/// Shift+Tab and made with Enter or Space; the dialog takes focus, keeps it, closes on Escape and gives
/// focus back to the control that opened it.
/// </summary>
public sealed class KeyboardTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    // The page has a handful of links before the banner; more presses than that means the target is unreachable.
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
    public async Task Enter_OnCustomize_OpensDialogWithFocusInside()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.Customize);

        await Page.Keyboard.PressAsync("Enter");

        await Expect(Banner.Dialog).ToBeVisibleAsync();
        await Expect(Banner.Close).ToBeFocusedAsync(); // the dialog's first control
        Assert.True(await FocusIsInDialogAsync());
    }

    [Fact]
    public async Task Enter_OnCookieSettingsThenCustomizeOnALaterPage_OpensThePreferencesDialogWithFocusInside()
    {
        await GotoAsync("/");
        await Banner.RejectAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await GotoAsync("/pricing");
        await TabToAsync(Banner.CookieSettings);

        await Page.Keyboard.PressAsync("Enter"); // the first layer again
        await TabToAsync(Banner.CustomizeLink);
        await Page.Keyboard.PressAsync("Enter"); // the same page, with the preferences

        await Expect(Banner.Dialog).ToBeVisibleAsync();
        await Expect(Banner.Close).ToBeFocusedAsync();
        Assert.True(await FocusIsInDialogAsync());
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task Tab_PastLastDialogControl_WrapsToFirstAndShiftTabWrapsBack()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.Customize);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Banner.Close).ToBeFocusedAsync();
        await TabToAsync(Banner.SaveChoices); // the last control

        // Tab past the last control: focus stays in the dialog, back on its first control.
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Banner.Close).ToBeFocusedAsync();
        // Shift+Tab before the first control: focus stays in the dialog, on its last control.
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Expect(Banner.SaveChoices).ToBeFocusedAsync();

        // A full round of Tab never leaves the dialog.
        for (var presses = 0; presses < MaxTabPresses; presses++)
        {
            await Page.Keyboard.PressAsync("Tab");
            Assert.True(await FocusIsInDialogAsync(), $"Tab press {presses + 1} moved focus out of the dialog, to: {await FocusedElementAsync()}");
        }
    }

    [Fact]
    public async Task Escape_InDialogOpenedByCustomize_ClosesWithoutDecidingAndFocusesCustomize()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.Customize);
        await Page.Keyboard.PressAsync("Enter");
        await TabToAsync(Banner.Analytics);
        await Page.Keyboard.PressAsync("Space");
        await Expect(Banner.Analytics).ToBeCheckedAsync();

        await Page.Keyboard.PressAsync("Escape");

        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.Customize).ToBeFocusedAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "undecided");
        Assert.Null(await ConsentCookieAsync());
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
    }

    [Fact]
    public async Task Escape_InDialogOpenedByFooterLink_ClosesAndFocusesTheLink()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.FooterCookieSettings);

        await Page.Keyboard.PressAsync("Enter");
        await Expect(Banner.Dialog).ToBeVisibleAsync();
        Assert.True(await FocusIsInDialogAsync());
        await Page.Keyboard.PressAsync("Escape");

        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.FooterCookieSettings).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Keyboard_AcceptAllInDialog_GrantsEverythingAndFocusesCookieSettings()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.Customize);
        await Page.Keyboard.PressAsync("Enter");
        await TabToAsync(Banner.PreferencesAcceptAll);

        await Page.RunAndWaitForRequestAsync(() => Page.Keyboard.PressAsync("Enter"), IsHotjar);

        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-granted", "necessary analytics marketing hotjar parcelwise-analytics");
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();
        Assert.NotNull(await ConsentCookieAsync());
    }

    [Fact]
    public async Task Keyboard_RejectAllInDialogWithSpace_GrantsNothingAndFocusesCookieSettings()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.Customize);
        await Page.Keyboard.PressAsync("Space");
        await Expect(Banner.Dialog).ToBeVisibleAsync();
        await TabToAsync(Banner.Analytics);
        await Page.Keyboard.PressAsync("Space"); // checked, then rejected all the same
        await TabToAsync(Banner.PreferencesRejectAll);

        await Page.Keyboard.PressAsync("Space");

        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Expect(Banner.Root).ToHaveAttributeAsync("data-granted", "necessary");
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.NotNull(await ConsentCookieAsync());
        Assert.Empty(HotjarRequests);
    }

    [Fact]
    public async Task Keyboard_CustomizeCheckAnalyticsAndSave_RunsSnippet()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.Customize);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Banner.Close).ToBeFocusedAsync();

        // Backwards from the first control: Shift+Tab wraps to Save choices, then on back to the analytics box.
        await ShiftTabToAsync(Banner.Analytics);
        await Page.Keyboard.PressAsync("Space");
        await Expect(Banner.Analytics).ToBeCheckedAsync();
        await TabToAsync(Banner.SaveChoices);
        await Page.RunAndWaitForRequestAsync(() => Page.Keyboard.PressAsync("Enter"), IsHotjar);

        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-granted", "necessary analytics hotjar parcelwise-analytics");
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Enter_OnCookieSettings_OpensDialogWithChoicesReachable()
    {
        await GotoAsync("/");
        await TabToAsync(Banner.RejectAll);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();

        await Page.Keyboard.PressAsync("Enter");

        await Expect(Banner.Dialog).ToBeVisibleAsync();
        Assert.True(await FocusIsInDialogAsync());
        await TabToAsync(Banner.PreferencesAcceptAll);
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Banner.Dialog).ToBeHiddenAsync();
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();
    }

    private Task<bool> FocusIsInDialogAsync() =>
        Page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('dialog.ck-dialog[open]')");

    private Task<string> FocusedElementAsync() =>
        Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing'");

    // Presses Tab until the target has focus, failing if it never gets it.
    private Task TabToAsync(ILocator target) => PressUntilFocusedAsync("Tab", target);

    private Task ShiftTabToAsync(ILocator target) => PressUntilFocusedAsync("Shift+Tab", target);

    private async Task PressUntilFocusedAsync(string key, ILocator target)
    {
        for (var presses = 0; presses < MaxTabPresses; presses++)
        {
            await Page.Keyboard.PressAsync(key);
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{MaxTabPresses} presses of {key} never focused {target}; focus is on: {await FocusedElementAsync()}");
    }
}
