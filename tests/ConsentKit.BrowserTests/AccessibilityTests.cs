using System.Text;
using ConsentKit.BrowserTests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>axe-core's WCAG 2.x level A and AA rules, on the banner in each of its states and on whole pages.</summary>
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
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Banner_FirstLayer_HasNoWcagViolations(string colorScheme)
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await GotoAsync("/");
        await Expect(Banner.AcceptAll).ToBeVisibleAsync();

        var results = await Banner.Root.RunAxe(WcagAandAA);

        AssertNoViolations(results);
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Banner_CustomizeOpen_HasNoWcagViolations(string colorScheme)
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await GotoAsync("/");
        await Banner.Customize.ClickAsync();
        await Expect(Banner.SaveChoices).ToBeVisibleAsync();

        var results = await Banner.Root.RunAxe(WcagAandAA);

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
