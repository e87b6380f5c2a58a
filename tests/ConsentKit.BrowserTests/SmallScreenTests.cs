using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>The banner and the preferences on a 320 px wide screen (WCAG 1.4.10 reflow): every choice in view, nothing scrolling sideways.</summary>
public sealed class SmallScreenTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    private const int Width = 320;

    [Fact]
    public async Task Banner_At320pxWide_ShowsEveryButtonWithoutHorizontalOverflow()
    {
        await Page.SetViewportSizeAsync(Width, 640);

        await GotoAsync("/");

        foreach (var button in new[] { Banner.AcceptAll, Banner.RejectAll, Banner.Customize })
        {
            await Expect(button).ToBeInViewportAsync(new() { Ratio = 1 });
            await AssertWithinWidthAsync(button);
        }

        await Expect(Banner.Heading).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync();
    }

    [Fact]
    public async Task PreferencesDialog_At320pxWide_FitsWidthAndSaveIsReachable()
    {
        await Page.SetViewportSizeAsync(Width, 640);
        await GotoAsync("/");

        await Banner.Customize.ClickAsync();

        await Expect(Banner.Dialog).ToBeVisibleAsync();
        await AssertWithinWidthAsync(Banner.Dialog);
        await AssertWithinWidthAsync(Banner.Marketing);
        await Banner.SaveChoices.ScrollIntoViewIfNeededAsync();
        await Expect(Banner.SaveChoices).ToBeInViewportAsync(new() { Ratio = 1 });
        await AssertWithinWidthAsync(Banner.SaveChoices);
        await AssertNoHorizontalScrollAsync();
        Assert.True(await Banner.Dialog.EvaluateAsync<bool>("d => d.scrollWidth <= d.clientWidth"), "The dialog's content is wider than the dialog.");
    }

    private static async Task AssertWithinWidthAsync(ILocator element)
    {
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"{element} spans x={box.X}..{box.X + box.Width}, outside 0..{Width}.");
    }

    private async Task AssertNoHorizontalScrollAsync()
    {
        var scrollWidth = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= Width, $"The page is {scrollWidth}px wide at a {Width}px viewport: it scrolls sideways.");
    }
}
