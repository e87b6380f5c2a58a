using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace ConsentKit.Tests;

/// <summary>
/// iframes, images, videos and stylesheets with <c>consent-category</c>: untouched once granted; otherwise their
/// sources wait in <c>data-consent-*</c>, the element is hidden behind a placeholder that names the service, and
/// the placeholder's button grants the category (the decision endpoint's <c>grant</c> action) without JavaScript.
/// </summary>
public sealed class EmbedConsentTests
{
    private const string VideoUrl = "https://www.youtube-nocookie.com/embed/aaaaaaaaaaa";

    [Fact]
    public async Task Iframe_Undecided_SourceMovedAsideHiddenBehindPlaceholder()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        var iframe = page.QuerySelector<IHtmlInlineFrameElement>("iframe.video")!;
        Assert.False(iframe.HasAttribute("src"));
        Assert.Equal(VideoUrl, iframe.GetAttribute("data-consent-src"));
        Assert.Equal("marketing", iframe.GetAttribute("data-consent-category"));
        Assert.True(iframe.HasAttribute("hidden"));
        Assert.False(iframe.HasAttribute("consent-category"));
        Assert.False(iframe.HasAttribute("consent-service"));
        Assert.Equal("Parcelwise product tour (video)", iframe.GetAttribute("title"));

        var placeholder = iframe.PreviousElementSibling!;
        Assert.Equal("marketing", placeholder.GetAttribute("data-consent-placeholder"));
        Assert.Equal(
            "This content is provided by YouTube, which may set cookies. It loads once you allow Marketing and media.",
            placeholder.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public async Task Placeholder_Undecided_FormGrantsTheCategoryAndReturnsHere()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/?from=ad");

        // Assert
        var form = Placeholder(page, "marketing").QuerySelector<IHtmlFormElement>("form")!;
        Assert.Equal("post", form.Method);
        Assert.Equal("/_consent", form.GetAttribute("action"));
        Assert.Equal("marketing", Field(form, "categories"));
        Assert.Equal("/?from=ad", Field(form, "returnUrl"));
        Assert.NotEmpty(Field(form, "__RequestVerificationToken")!);
        var button = form.QuerySelector<IHtmlButtonElement>("button[type=submit]")!;
        Assert.Equal(("action", "grant"), (button.Name, button.Value));
        Assert.Equal("Allow Marketing and media", button.TextContent);
    }

    [Fact]
    public async Task PlaceholderButton_Undecided_GrantsOnlyThatCategoryAndShowsTheVideo()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        var page = await visitor.OpenPageAsync("/");

        // Act
        using var response = await SubmitPlaceholderAsync(visitor, page, "marketing");
        var next = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var consent = await visitor.GetConsentAsync();
        Assert.True(consent.HasDecided);
        Assert.Equal(["necessary", "marketing"], consent.GrantedCategories);
        Assert.Equal(VideoUrl, next.QuerySelector("iframe.video")!.GetAttribute("src"));
        Assert.Null(next.QuerySelector("[data-consent-placeholder]"));
    }

    [Fact]
    public async Task PlaceholderButton_AnalyticsGrantedBefore_KeepsAnalytics()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        var page = await visitor.OpenPageAsync("/");
        Page.CategoryCheckbox(page, "analytics").IsChecked = true;
        (await visitor.SubmitBannerAsync(page, "save")).Dispose();
        page = await visitor.OpenPageAsync("/");

        // Act
        (await SubmitPlaceholderAsync(visitor, page, "marketing")).Dispose();

        // Assert
        Assert.Equal(["necessary", "analytics", "marketing"], (await visitor.GetConsentAsync()).GrantedCategories);
    }

    [Fact]
    public async Task Iframe_Granted_Untouched()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/"), "accept-all")).Dispose();

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        var iframe = page.QuerySelector("iframe.video")!;
        Assert.Equal(VideoUrl, iframe.GetAttribute("src"));
        Assert.False(iframe.HasAttribute("hidden"));
        Assert.False(iframe.HasAttribute("data-consent-src"));
        Assert.False(iframe.HasAttribute("data-consent-category"));
        Assert.False(iframe.HasAttribute("consent-category"));
        Assert.Null(page.QuerySelector("[data-consent-placeholder]"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AppRelativeSources_Undecided_MovedAsideResolvedAgainstThePathBase(bool underPathBase)
    {
        // Arrange: the app at the root, or mounted under /shop.
        await using var site = await TestSite.StartWithPagesAsync(
            TestSite.ThreeCategories(),
            afterConsentKit: underPathBase
                ? app =>
                {
                    app.UsePathBase("/shop");
                    app.UseRouting(); // after the path base, so pages match under it
                }
                : null);
        using var visitor = site.CreateVisitor();
        var root = underPathBase ? "/shop" : "";

        // Act
        var page = await visitor.OpenPageAsync(root + "/AppRelativeEmbeds");

        // Assert: what the client script will put back is a URL of the app, not "~/…".
        Assert.Equal(root + "/img/logo.png", page.QuerySelector("#logo")!.GetAttribute("data-consent-src"));
        Assert.Equal(root + "/img/poster.jpg", page.QuerySelector("#tour")!.GetAttribute("data-consent-poster"));
        Assert.Equal(root + "/media/tour.mp4", page.QuerySelector("#tour-mp4")!.GetAttribute("data-consent-src"));
    }

    [Fact]
    public async Task AppRelativeSources_Granted_ResolvedByRazorAsUsual()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        (await visitor.PostJsonAsync("""{"action":"accept-all"}""", antiforgeryToken: null)).Dispose();

        // Act
        var page = await visitor.OpenPageAsync("/AppRelativeEmbeds");

        // Assert
        Assert.Equal("/img/logo.png", page.QuerySelector("#logo")!.GetAttribute("src"));
        Assert.Equal("/media/tour.mp4", page.QuerySelector("#tour-mp4")!.GetAttribute("src"));
    }

    [Fact]
    public async Task Img_Undecided_SrcAndSrcsetMovedAsidePlaceholderNamesGivenService()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/Embeds");

        // Assert
        var img = page.QuerySelector("#pixel")!;
        Assert.Equal(
            [("id", "pixel"), ("alt", ""), ("data-consent-src", "https://ads.example/p.gif"), ("data-consent-srcset", "https://ads.example/p2.gif 2x"), ("data-consent-category", "marketing"), ("hidden", "hidden")],
            img.Attributes.Select(a => (a.Name, a.Value)));
        Assert.StartsWith("This content is provided by Ad pixel,", img.PreviousElementSibling!.TextContent);
    }

    [Fact]
    public async Task Video_Undecided_SrcAndPosterMovedAsidePlaceholderNamesCategorysFirstService()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/Embeds");

        // Assert
        var video = page.QuerySelector("#clip")!;
        Assert.False(video.HasAttribute("src"));
        Assert.False(video.HasAttribute("poster"));
        Assert.Equal("https://video.example/clip.mp4", video.GetAttribute("data-consent-src"));
        Assert.Equal("https://video.example/poster.jpg", video.GetAttribute("data-consent-poster"));
        Assert.True(video.HasAttribute("controls"));
        Assert.True(video.HasAttribute("hidden"));
        Assert.StartsWith("This content is provided by Ads,", video.PreviousElementSibling!.TextContent);
    }

    [Fact]
    public async Task VideoSources_Undecided_WaitWithTheirVideoWhileUngatedVideosKeepTheirs()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/Embeds");

        // Assert: nothing of the gated video is fetched before consent
        foreach (var (id, url) in new[] { ("film-webm", "https://video.example/film.webm"), ("film-subtitles", "https://video.example/film.vtt") })
        {
            var child = page.QuerySelector("#" + id)!;
            Assert.False(child.HasAttribute("src"));
            Assert.Equal(url, child.GetAttribute("data-consent-src"));
        }

        Assert.Equal("/media/own.mp4", page.QuerySelector("#own-source")!.GetAttribute("src"));
    }

    [Fact]
    public async Task VideoSources_AcceptAll_Live()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();
        (await visitor.PostJsonAsync("""{"action":"accept-all"}""", token)).Dispose();

        // Act
        var page = await visitor.OpenPageAsync("/Embeds");

        // Assert
        Assert.Equal("https://video.example/film.webm", page.QuerySelector("#film-webm")!.GetAttribute("src"));
        Assert.False(page.QuerySelector("#film-webm")!.HasAttribute("data-consent-src"));
    }

    [Fact]
    public async Task Iframe_GatedByServiceKey_PlaceholderNamesTheServiceAndGrantsItsCategory()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/Embeds");

        // Assert
        var iframe = page.QuerySelector("#heatmap")!;
        Assert.Equal("https://insights.example/heatmap", iframe.GetAttribute("data-consent-src"));
        var placeholder = iframe.PreviousElementSibling!;
        Assert.Equal("analytics", placeholder.GetAttribute("data-consent-placeholder"));
        Assert.StartsWith("This content is provided by Hotjar,", placeholder.TextContent);
        Assert.Equal("analytics", placeholder.QuerySelector("input[name=categories]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Link_Undecided_HrefMovedAsideWithoutPlaceholder()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/Embeds");

        // Assert
        var link = page.QuerySelector("#font")!;
        Assert.False(link.HasAttribute("href"));
        Assert.Equal("https://fonts.example/css", link.GetAttribute("data-consent-href"));
        Assert.Equal("marketing", link.GetAttribute("data-consent-category"));
        Assert.False(link.HasAttribute("hidden"));
        Assert.Equal(3, page.QuerySelectorAll("[data-consent-placeholder=marketing]").Length); // the img's and the two videos'
    }

    [Fact]
    public async Task Embeds_AcceptAll_KnownCategoriesUntouchedUnknownStillInertWithoutPlaceholder()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();
        (await visitor.PostJsonAsync("""{"action":"accept-all"}""", token)).Dispose();

        // Act
        var page = await visitor.OpenPageAsync("/Embeds");

        // Assert
        Assert.Equal("https://ads.example/p.gif", page.QuerySelector("#pixel")!.GetAttribute("src"));
        Assert.Equal("https://ads.example/p2.gif 2x", page.QuerySelector("#pixel")!.GetAttribute("srcset"));
        Assert.Equal("https://video.example/poster.jpg", page.QuerySelector("#clip")!.GetAttribute("poster"));
        Assert.Equal("https://fonts.example/css", page.QuerySelector("#font")!.GetAttribute("href"));
        Assert.Equal("https://maps.example/embed", page.QuerySelector("#map")!.GetAttribute("src"));
        Assert.Null(page.QuerySelector("[data-consent-placeholder]"));
        var typo = page.QuerySelector("#typo")!;
        Assert.False(typo.HasAttribute("src"));
        Assert.Equal("statistics", typo.GetAttribute("data-consent-category"));
    }

    private static IElement Placeholder(IHtmlDocument page, string category) =>
        page.QuerySelector($"div.ck-embed[data-consent-placeholder={category}]")
        ?? throw new InvalidOperationException($"The page has no placeholder for '{category}'.");

    private static string? Field(IHtmlFormElement form, string name) =>
        form.QuerySelector<IHtmlInputElement>($"input[type=hidden][name='{name}']")?.Value;

    private static Task<HttpResponseMessage> SubmitPlaceholderAsync(Visitor visitor, IHtmlDocument page, string category)
    {
        var form = Placeholder(page, category).QuerySelector<IHtmlFormElement>("form")!;
        return visitor.SubmitFormAsync(form, form.QuerySelector<IHtmlButtonElement>("button")!);
    }
}
