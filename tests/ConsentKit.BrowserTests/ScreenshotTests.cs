using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>
/// The banner as a visitor sees it at 1280×800: it fits the viewport and leaves the page's heading in view.
/// Each test also saves its screenshot (the README's pictures) under <c>screenshots/</c> in the test output,
/// and to the folder named by <c>CONSENTKIT_DOCS_IMAGES</c> when that is set (<c>docs/images</c> to refresh them).
/// </summary>
public sealed class ScreenshotTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    private const string DocsImagesVariable = "CONSENTKIT_DOCS_IMAGES";

    [Fact]
    public async Task Banner_HomePageAt1280x800_FitsViewportBelowHeading()
    {
        await GotoAsync("/");
        await Expect(Banner.AcceptAll).ToBeVisibleAsync();

        await Expect(Banner.Form).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.AcceptAll).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.RejectAll).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.Customize).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.Heading).ToBeInViewportAsync(new() { Ratio = 1 });
        var heading = await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).BoundingBoxAsync();
        var form = await Banner.Form.BoundingBoxAsync();
        Assert.NotNull(heading);
        Assert.NotNull(form);
        Assert.True(heading.Y + heading.Height <= form.Y, $"The banner (top at {form.Y}px) covers the page heading (bottom at {heading.Y + heading.Height}px).");

        await SaveScreenshotAsync("banner.png");
    }

    [Fact]
    public async Task CookieSettings_DecidedVisitorAt1280x800_ReopensTheFirstLayerWithItsButtonsInARow()
    {
        await GotoAsync("/");
        await Banner.RejectAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await GotoAsync("/pricing");

        await Banner.CookieSettings.ClickAsync();

        await Expect(Banner.Form).ToBeInViewportAsync(new() { Ratio = 1 });
        var accept = await Banner.AcceptAll.BoundingBoxAsync();
        var customize = await Banner.CustomizeLink.BoundingBoxAsync();
        Assert.NotNull(accept);
        Assert.NotNull(customize);
        // "Customize" is a link here (to the page with the preferences), and looks like the buttons beside it.
        Assert.Equal(accept.Y, customize.Y);
        Assert.Equal(accept.Height, customize.Height);
        await Expect(Banner.CustomizeLink).ToHaveCSSAsync("text-decoration-line", "none");
        await Expect(Banner.CustomizeLink).ToHaveCSSAsync("background-color", await Banner.AcceptAll.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));

        await SaveScreenshotAsync("settings.png");
    }

    [Fact]
    public async Task PreferencesDialog_OpenAt1280x800_ShowsCategoriesAndButtonsInViewport()
    {
        await GotoAsync("/");

        await Banner.Customize.ClickAsync();

        await Expect(Banner.Dialog).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.Close).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.Necessary).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.Analytics).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.Marketing).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.PreferencesRejectAll).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.PreferencesAcceptAll).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.SaveChoices).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Banner.Close).ToBeFocusedAsync();
        // The open animation has ended (or never ran), so the picture shows the dialog at rest.
        await Expect(Banner.Dialog).ToHaveCSSAsync("opacity", "1");

        await SaveScreenshotAsync("customize.png");
    }

    private async Task SaveScreenshotAsync(string fileName)
    {
        var png = await Page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        Assert.Equal((byte)0x89, png[0]); // a PNG

        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "screenshots") };
        if (Environment.GetEnvironmentVariable(DocsImagesVariable) is { Length: > 0 } docsImages)
        {
            folders.Add(docsImages);
        }

        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, fileName), png, TestContext.Current.CancellationToken);
        }
    }
}
