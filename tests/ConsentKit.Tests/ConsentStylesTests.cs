using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary><c>&lt;consent-styles /&gt;</c> links the stylesheet from head, once; without it the first ConsentKit element does.</summary>
public sealed class ConsentStylesTests : IAsyncLifetime
{
    private readonly SampleSite _site = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/privacy")]
    public async Task Page_WithConsentStylesInHead_LinksTheStylesheetOnceFromHead(string path)
    {
        // Arrange
        using var visitor = _site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync(path, fetchMetadata: true);

        // Assert: linked from head, ahead of every ConsentKit element; the banner (rendered after it) does not link it
        // again. Razor renders a page's own content before its layout, so a placeholder in it may add a second
        // link to the same, already loaded, stylesheet further down: harmless.
        var links = page.QuerySelectorAll("link[rel=stylesheet]").Where(l => l.GetAttribute("href")!.Contains("consentkit.min.css", StringComparison.Ordinal)).ToArray();
        Assert.Equal("HEAD", links[0].ParentElement!.TagName);
        Assert.False(string.IsNullOrEmpty(links[0].GetAttribute("nonce")));
        Assert.Null(page.QuerySelector("aside#consentkit")!.PreviousElementSibling?.GetAttribute("href"));
        Assert.True(links.Length <= 2);
    }

    [Fact]
    public async Task LayoutWithoutConsentStyles_PlaceholderInThePage_BannerStillLinksTheStylesheetAheadOfItself()
    {
        // Arrange: the banner in a layout without <consent-styles />, a gated iframe in the page (rendered first)
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/LayoutEmbed", fetchMetadata: true);

        // Assert: a browser reads the banner first, so its styles must be linked before it, not only by the placeholder
        // further down (the banner would paint unstyled, then jump); the placeholder links them ahead of itself too
        var banner = page.QuerySelector("aside#consentkit")!;
        var placeholder = page.QuerySelector("[data-consent-placeholder=analytics]")!;
        Assert.True(IsStylesheetLink(banner.PreviousElementSibling), "The banner is not preceded by ConsentKit's stylesheet.");
        Assert.True(IsStylesheetLink(placeholder.PreviousElementSibling), "The placeholder is not preceded by ConsentKit's stylesheet.");
    }

    private static bool IsStylesheetLink(AngleSharp.Dom.IElement? element) =>
        element is { TagName: "LINK" } && element.GetAttribute("rel") == "stylesheet" && element.GetAttribute("href")!.Contains("consentkit.min.css", StringComparison.Ordinal);
}
