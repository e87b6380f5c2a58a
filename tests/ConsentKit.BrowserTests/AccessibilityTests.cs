using System.Text;
using ConsentKit.BrowserTests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>
/// axe-core's WCAG 2.x level A and AA rules (2.2 included), on the banner in each of its states, on the open
/// preferences dialog and on whole pages; in light and dark, in English and in Arabic (right to left).
/// </summary>
public sealed class AccessibilityTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    private static readonly AxeRunOptions WcagAandAA = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        },
    };

    [Theory]
    [InlineData("light", "en")]
    [InlineData("dark", "en")]
    [InlineData("light", "ar")]
    [InlineData("dark", "ar")]
    public async Task Banner_FirstLayer_HasNoWcagViolations(string colorScheme, string language)
    {
        await OpenHomeAsync(colorScheme, language);
        await Expect(Banner.Root.Locator("[data-consent-action=accept-all]")).ToBeVisibleAsync();

        var results = await Banner.Root.RunAxe(WcagAandAA);

        AssertNoViolations(results);
    }

    [Theory]
    [InlineData("light", "en")]
    [InlineData("dark", "en")]
    [InlineData("light", "ar")]
    [InlineData("dark", "ar")]
    public async Task PreferencesDialog_Open_HasNoWcagViolations(string colorScheme, string language)
    {
        await OpenHomeAsync(colorScheme, language);
        await Banner.Customize.ClickAsync();
        await Expect(Banner.Dialog).ToBeVisibleAsync();
        await Expect(Banner.Preferences.Locator("[data-consent-action=save]")).ToBeVisibleAsync();
        // Open every "Services and cookies" list too, so their links and lists are checked as well.
        foreach (var services in await Banner.Dialog.Locator("details.ck-services > summary").AllAsync())
        {
            await services.ClickAsync();
        }

        await Expect(Banner.Dialog.Locator("details.ck-services[open]")).ToHaveCountAsync(3);

        var results = await Banner.Dialog.RunAxe(WcagAandAA);

        AssertNoViolations(results);
    }

    [Fact]
    public async Task Banner_Decided_HasNoWcagViolations()
    {
        await GotoAsync("/");
        await Banner.RejectAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Page.ReloadAsync();
        await Expect(Banner.CookieSettings).ToBeVisibleAsync();

        var results = await Banner.Root.RunAxe(WcagAandAA);

        AssertNoViolations(results);
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Banner_DecidedAndReopened_FirstLayerWithCustomizeLinkHasNoWcagViolations(string colorScheme)
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await GotoAsync("/");
        await Banner.RejectAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await GotoAsync("/pricing");
        await Banner.CookieSettings.ClickAsync();
        await Expect(Banner.CustomizeLink).ToBeVisibleAsync(); // a link styled as the buttons beside it

        var results = await Banner.Root.RunAxe(WcagAandAA);

        AssertNoViolations(results);
        var box = await Banner.CustomizeLink.BoundingBoxAsync();
        Assert.True(box is { Height: >= 24, Width: >= 24 }, "The Customize link is smaller than WCAG 2.2's 24 px target."); // 2.5.8
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/pricing")]
    [InlineData("/privacy")]
    public async Task Page_WithBannerOpen_HasNoWcagViolations(string path)
    {
        await GotoAsync(path);
        await Expect(Banner.AcceptAll).ToBeVisibleAsync();

        var results = await Page.RunAxe(WcagAandAA);

        AssertNoViolations(results);
    }

    private async Task OpenHomeAsync(string colorScheme, string language)
    {
        await UseLocaleAsync(language);
        await Page.EmulateMediaAsync(new() { ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await GotoAsync("/");
        await Expect(Banner.Root).ToHaveAttributeAsync("lang", language);
        if (language == "ar")
        {
            // Right to left: the banner and the dialog the script builds from it.
            await Expect(Banner.Root).ToHaveAttributeAsync("dir", "rtl");
            await Expect(Banner.Dialog).ToHaveAttributeAsync("dir", "rtl");
            await Expect(Banner.Dialog).ToHaveAttributeAsync("lang", "ar");
            await Expect(Banner.Heading).ToHaveCountAsync(0); // not the English title
        }
        else
        {
            await Expect(Banner.Root).Not.ToHaveAttributeAsync("dir", "rtl");
            await Expect(Banner.Heading).ToBeVisibleAsync();
        }
    }

    private static void AssertNoViolations(AxeResult results)
    {
        // Guard against a run that checked nothing (a wrong scope or tag list would pass vacuously).
        Assert.NotEmpty(results.Passes);
        if (results.Violations.Length == 0)
        {
            return;
        }

        var report = new StringBuilder("axe found WCAG violations:");
        foreach (var violation in results.Violations)
        {
            report.Append('\n').Append(violation.Id).Append(" (").Append(violation.Impact).Append("): ").Append(violation.Help);
            foreach (var node in violation.Nodes)
            {
                var checks = node.Any.Concat(node.All).Concat(node.None).Select(check => check.Message);
                report.Append("\n  ").Append(node.Target).Append(' ').Append(node.Html).Append(": ").Append(string.Join("; ", checks));
            }
        }

        Assert.Fail(report.ToString());
    }
}
