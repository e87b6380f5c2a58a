using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// <c>&lt;consent-gate category="…"&gt;</c>: its content when the category is granted; otherwise the content kept
/// in a <c>&lt;template&gt;</c> (for the client script to show without a reload) and the
/// <c>&lt;consent-fallback&gt;</c>, if any, in its place.
/// </summary>
public sealed class ConsentGateTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private Visitor _visitor = null!;

    public async ValueTask InitializeAsync()
    {
        _site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        _visitor = _site.CreateVisitor();
    }

    public async ValueTask DisposeAsync()
    {
        _visitor.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Gate_Undecided_ContentInTemplateAndFallbackShown()
    {
        // Act
        var page = await _visitor.OpenPageAsync("/Gate");

        // Assert
        Assert.Null(page.QuerySelector("#analytics-content"));
        var template = page.QuerySelector<IHtmlTemplateElement>("template[data-consent-category=analytics]")!;
        Assert.NotNull(template.Content.QuerySelector("#analytics-content"));
        Assert.Null(template.Content.QuerySelector("#analytics-fallback"));
        var fallback = page.QuerySelector("div[data-consent-fallback=analytics]")!;
        Assert.Equal("Allow analytics to see your usage dashboard.", fallback.QuerySelector("#analytics-fallback")!.TextContent);
    }

    [Fact]
    public async Task Gate_UndecidedWithoutFallback_OnlyTemplate()
    {
        // Act
        var page = await _visitor.OpenPageAsync("/Gate");

        // Assert
        Assert.Null(page.QuerySelector("#marketing-content"));
        Assert.NotNull(page.QuerySelector<IHtmlTemplateElement>("template[data-consent-category=marketing]")!.Content.QuerySelector("#marketing-content"));
        Assert.Null(page.QuerySelector("[data-consent-fallback=marketing]"));
    }

    [Fact]
    public async Task Gate_CategoryGranted_ContentShownWithoutTemplateOrFallback()
    {
        // Arrange
        var token = await _visitor.GetAntiforgeryTokenAsync();
        (await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", token)).Dispose();

        // Act
        var page = await _visitor.OpenPageAsync("/Gate");

        // Assert
        Assert.Equal("Your usage dashboard", page.QuerySelector("#analytics-content")!.TextContent);
        Assert.Null(page.QuerySelector("template[data-consent-category=analytics]"));
        Assert.Null(page.QuerySelector("#analytics-fallback"));
        Assert.Null(page.QuerySelector("[data-consent-fallback]"));
        Assert.NotNull(page.QuerySelector("template[data-consent-category=marketing]")); // still not granted
    }

    [Fact]
    public async Task Gate_AnyState_NoTagHelperElementsLeft()
    {
        // Act
        var page = await _visitor.OpenPageAsync("/Gate");

        // Assert
        Assert.Empty(page.QuerySelectorAll("consent-gate, consent-fallback"));
        Assert.DoesNotContain("consent-gate", page.Body!.InnerHtml);
    }
}
