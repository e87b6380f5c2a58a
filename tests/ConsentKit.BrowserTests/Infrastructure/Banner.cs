using Microsoft.Playwright;

namespace ConsentKit.BrowserTests.Infrastructure;

/// <summary>
/// The consent banner of a page and its preferences, found the way a visitor finds them: by role and name.
/// With JavaScript the preferences (<c>#ck-prefs</c>) live in a modal <c>&lt;dialog&gt;</c> the client script
/// creates; without it they stay in the banner's "Customize" disclosure. The preferences' own locators find
/// them in either place. A decided visitor's pages do not carry them: "Customize" is a link to the same page
/// with them open (<see cref="OpenPreferencesAfterDecisionAsync"/>).
/// </summary>
public sealed class Banner(IPage page)
{
    /// <summary>The sample's banner title (its English site text, overriding the built-in one).</summary>
    public const string Title = "Cookies at Parcelwise";

    /// <summary>Gets the banner's landmark, <c>#consentkit</c>.</summary>
    public ILocator Root => page.Locator("#consentkit");

    /// <summary>Gets the banner's heading.</summary>
    public ILocator Heading => Root.GetByRole(AriaRole.Heading, new() { Name = Title });

    /// <summary>Gets the banner's form (the first layer; without JavaScript also the preferences).</summary>
    public ILocator Form => Root.Locator("form");

    /// <summary>Gets the first layer's "Accept all" button (the preferences have their own, unmarked one).</summary>
    public ILocator AcceptAll => FirstLayerButton("Accept all");

    /// <summary>Gets the first layer's "Reject all" button.</summary>
    public ILocator RejectAll => FirstLayerButton("Reject all");

    /// <summary>Gets the "Customize" control that opens the preferences.</summary>
    public ILocator Customize => Root.Locator("summary[data-consent-action=preferences]");

    /// <summary>Gets the "Customize" link of a decided visitor's pages, to the same page with the preferences open.</summary>
    public ILocator CustomizeLink => Root.Locator("a[data-consent-action=preferences]");

    /// <summary>Gets the banner's "Cookie settings" control that reopens the banner after a decision.</summary>
    public ILocator CookieSettings => Root.Locator("summary.ck-reopen");

    /// <summary>Gets the footer's "Cookie settings" link (<c>&lt;consent-settings /&gt;</c>).</summary>
    public ILocator FooterCookieSettings =>
        page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Cookie settings", Exact = true });

    /// <summary>Gets the modal preferences dialog the client script creates (absent without JavaScript).</summary>
    public ILocator Dialog => page.Locator("dialog.ck-dialog");

    /// <summary>Gets the dialog's close button.</summary>
    public ILocator Close => Dialog.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true });

    /// <summary>Gets the preferences: one checkbox per category and the buttons that decide.</summary>
    public ILocator Preferences => page.Locator("#ck-prefs");

    /// <summary>Gets the preferences' "Reject all" button.</summary>
    public ILocator PreferencesRejectAll => Preferences.GetByRole(AriaRole.Button, new() { Name = "Reject all", Exact = true });

    /// <summary>Gets the preferences' "Accept all" button.</summary>
    public ILocator PreferencesAcceptAll => Preferences.GetByRole(AriaRole.Button, new() { Name = "Accept all", Exact = true });

    /// <summary>Gets the "Save choices" button.</summary>
    public ILocator SaveChoices => Preferences.GetByRole(AriaRole.Button, new() { Name = "Save choices", Exact = true });

    /// <summary>Gets the necessary checkbox (always checked, disabled).</summary>
    public ILocator Necessary => Preferences.GetByLabel("Necessary", new() { Exact = true });

    /// <summary>Gets the analytics checkbox (found by its label, so also while the preferences are closed).</summary>
    public ILocator Analytics => Preferences.GetByLabel("Analytics", new() { Exact = true });

    /// <summary>Gets the marketing checkbox.</summary>
    public ILocator Marketing => Preferences.GetByLabel("Marketing and media", new() { Exact = true });

    /// <summary>
    /// Opens the preferences on a decided visitor's page as the visitor does: "Cookie settings", then "Customize",
    /// which loads the page with them open (in the dialog with JavaScript, in the banner without).
    /// </summary>
    public async Task OpenPreferencesAfterDecisionAsync()
    {
        await CookieSettings.ClickAsync();
        await CustomizeLink.ClickAsync();
        await Assertions.Expect(Preferences).ToBeVisibleAsync(); // on the next page: this one has none
    }

    // By role and name, and marked as the first layer's (data-consent-action), so never the preferences' twin.
    private ILocator FirstLayerButton(string name) =>
        Root.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).And(page.Locator("[data-consent-action]"));
}
