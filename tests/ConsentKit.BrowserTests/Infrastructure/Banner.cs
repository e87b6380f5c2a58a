using Microsoft.Playwright;

namespace ConsentKit.BrowserTests.Infrastructure;

/// <summary>The consent banner of a page, found the way a visitor finds it: by role and name.</summary>
public sealed class Banner(IPage page)
{
    /// <summary>Gets the banner's landmark, <c>#consentkit</c>.</summary>
    public ILocator Root => page.Locator("#consentkit");

    /// <summary>Gets the banner's heading.</summary>
    public ILocator Heading => Root.GetByRole(AriaRole.Heading, new() { Name = "We value your privacy" });

    /// <summary>Gets the first layer and preferences: the form inside the panel.</summary>
    public ILocator Form => Root.Locator("form");

    /// <summary>Gets the "Accept all" button.</summary>
    public ILocator AcceptAll => Root.GetByRole(AriaRole.Button, new() { Name = "Accept all", Exact = true });

    /// <summary>Gets the "Reject all" button.</summary>
    public ILocator RejectAll => Root.GetByRole(AriaRole.Button, new() { Name = "Reject all", Exact = true });

    /// <summary>Gets the "Customize" disclosure control.</summary>
    public ILocator Customize => Root.Locator("summary[data-consent-action=preferences]");

    /// <summary>Gets the "Save choices" button.</summary>
    public ILocator SaveChoices => Root.GetByRole(AriaRole.Button, new() { Name = "Save choices", Exact = true });

    /// <summary>Gets the analytics checkbox (found by its label, so also while the panel is closed).</summary>
    public ILocator Analytics => Root.GetByLabel("Analytics", new() { Exact = true });

    /// <summary>Gets the necessary checkbox (always checked, disabled).</summary>
    public ILocator Necessary => Root.GetByLabel("Necessary", new() { Exact = true });

    /// <summary>Gets the "Cookie settings" control that reopens the banner after a decision.</summary>
    public ILocator CookieSettings => Root.Locator("summary.ck-reopen");
}
