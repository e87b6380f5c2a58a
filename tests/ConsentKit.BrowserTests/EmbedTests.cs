using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>The home page's YouTube video waits behind a placeholder whose button grants "marketing" in place.</summary>
public sealed class EmbedTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    public const string VideoUrl = "https://www.youtube-nocookie.com/embed/aaaaaaaaaaa";

    [Fact]
    public async Task Video_FirstVisit_IsInertBehindPlaceholder()
    {
        await GotoAsync("/");

        var video = Page.Locator("iframe.video");
        await Expect(video).ToBeHiddenAsync();
        Assert.Null(await video.GetAttributeAsync("src"));
        await Expect(video).ToHaveAttributeAsync("data-consent-src", VideoUrl);
        await Expect(Placeholder).ToBeVisibleAsync();
        await Expect(Placeholder).ToContainTextAsync("YouTube");
        await Expect(AllowButton).ToBeVisibleAsync();
        Assert.DoesNotContain(BlockedRequests, IsVideo);
    }

    [Fact]
    public async Task AllowButton_WithJavaScript_LoadsVideoInPlaceWithoutReload()
    {
        await GotoAsync("/");
        await Page.EvaluateAsync("() => { window.__samePage = 'before the click'; }");

        var videoRequest = await Page.RunAndWaitForRequestAsync(() => AllowButton.ClickAsync(), IsVideo);

        Assert.Equal(VideoUrl, videoRequest.Url);
        var video = Page.Locator("iframe.video");
        await Expect(video).ToHaveAttributeAsync("src", VideoUrl);
        await Expect(video).ToBeVisibleAsync();
        await Expect(Placeholder).ToHaveCountAsync(0);
        Assert.Equal("before the click", await Page.EvaluateAsync<string?>("() => window.__samePage"));
        Assert.Equal(Site.BaseUrl + "/", Page.Url);
        // Only marketing was granted: analytics stays off.
        await Expect(Banner.Root).ToHaveAttributeAsync("data-granted", "necessary marketing");
        Assert.Null(await GlobalTypeAsync("__analyticsRan"));
        Assert.NotNull(await ConsentCookieAsync());

        await Page.ReloadAsync();
        await Expect(video).ToHaveAttributeAsync("src", VideoUrl);
        await Expect(Placeholder).ToHaveCountAsync(0);
    }

    private ILocator Placeholder => Page.Locator("div.ck-embed[data-consent-placeholder=marketing]");

    private ILocator AllowButton => Placeholder.GetByRole(AriaRole.Button, new() { Name = "Allow Marketing and media", Exact = true });

    private static bool IsVideo(string url) => url.StartsWith("https://www.youtube-nocookie.com/", StringComparison.Ordinal);

    private static bool IsVideo(IRequest request) => IsVideo(request.Url);
}
