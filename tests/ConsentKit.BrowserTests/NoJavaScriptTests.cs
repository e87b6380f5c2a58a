using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>
/// The banner with JavaScript off: plain HTML forms post the decision, the server answers 303 back to
/// the same page, and the next page is rendered with the decision applied.
/// </summary>
public sealed class NoJavaScriptTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    protected override bool JavaScriptEnabled => false;

    [Fact]
    public async Task AcceptAll_WithoutJavaScript_RedirectsBackToSamePageWithSnippetLive()
    {
        await GotoAsync("/pricing?plan=growth");
        Assert.Equal("text/plain", await AnalyticsScriptTypeAsync());

        var post = await PostDecisionAsync(() => Banner.AcceptAll.ClickAsync());

        Assert.Equal(303, post.Status);
        Assert.Equal("/pricing?plan=growth", await post.HeaderValueAsync("location"));
        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/pricing?plan=growth");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Pricing", Level = 1 })).ToBeVisibleAsync();
        await ExpectDecidedAsync();
        Assert.Null(await AnalyticsScriptTypeAsync()); // emitted as a normal script: it would run
        var cookie = await ConsentCookieAsync();
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
    }

    [Fact]
    public async Task RejectAll_WithoutJavaScript_RedirectsBackToSamePageWithSnippetInert()
    {
        await GotoAsync("/privacy");

        var post = await PostDecisionAsync(() => Banner.RejectAll.ClickAsync());

        Assert.Equal(303, post.Status);
        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/privacy");
        await ExpectDecidedAsync();
        Assert.Equal("text/plain", await AnalyticsScriptTypeAsync());
        Assert.NotNull(await ConsentCookieAsync());
        Assert.Empty(HotjarRequests);
    }

    [Fact]
    public async Task SaveChoices_WithoutJavaScriptAnalyticsChecked_GrantsAnalytics()
    {
        await GotoAsync("/privacy");
        await Expect(Banner.SaveChoices).ToBeHiddenAsync();

        await Banner.Customize.ClickAsync(); // a native <details>: opens without script
        await Expect(Banner.SaveChoices).ToBeVisibleAsync();
        await Banner.Analytics.CheckAsync();
        var post = await PostDecisionAsync(() => Banner.SaveChoices.ClickAsync());

        Assert.Equal(303, post.Status);
        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/privacy");
        await ExpectDecidedAsync();
        Assert.Null(await AnalyticsScriptTypeAsync());
        await Banner.OpenPreferencesAfterDecisionAsync();
        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/privacy?consentkit=preferences#ck-prefs");
        await Expect(Banner.Analytics).ToBeCheckedAsync();
        Assert.NotNull(await ConsentCookieAsync());
    }

    [Fact]
    public async Task SaveChoices_WithoutJavaScriptAnalyticsUnchecked_KeepsAnalyticsInert()
    {
        await GotoAsync("/privacy");

        await Banner.Customize.ClickAsync();
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();
        var post = await PostDecisionAsync(() => Banner.SaveChoices.ClickAsync());

        Assert.Equal(303, post.Status);
        await ExpectDecidedAsync();
        Assert.Equal("text/plain", await AnalyticsScriptTypeAsync());
        await Banner.OpenPreferencesAfterDecisionAsync();
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();
        Assert.NotNull(await ConsentCookieAsync());
    }

    [Fact]
    public async Task CookieSettings_WithoutJavaScriptAfterReject_ReopensAndAcceptAllGrantsAnalytics()
    {
        await GotoAsync("/");
        await PostDecisionAsync(() => Banner.RejectAll.ClickAsync());
        await ExpectDecidedAsync();

        await Banner.CookieSettings.ClickAsync();
        await Expect(Banner.AcceptAll).ToBeVisibleAsync();
        var post = await PostDecisionAsync(() => Banner.AcceptAll.ClickAsync());

        Assert.Equal(303, post.Status);
        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/");
        await ExpectDecidedAsync();
        Assert.Null(await AnalyticsScriptTypeAsync());
    }

    [Fact]
    public async Task FooterCookieSettings_WithoutJavaScriptAfterReject_RevealsPreferencesThatSave()
    {
        await GotoAsync("/privacy");
        await PostDecisionAsync(() => Banner.RejectAll.ClickAsync());
        await ExpectDecidedAsync();
        await Expect(Banner.SaveChoices).ToBeHiddenAsync();

        // A plain link to the same page with the preferences open, scrolled to them.
        await Banner.FooterCookieSettings.ClickAsync();

        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/privacy?consentkit=preferences#ck-prefs");
        await Expect(Banner.Preferences).ToBeVisibleAsync();
        await Expect(Banner.Analytics).ToBeVisibleAsync();
        await Expect(Banner.Analytics).Not.ToBeCheckedAsync();
        await Banner.Analytics.CheckAsync();
        var post = await PostDecisionAsync(() => Banner.SaveChoices.ClickAsync());

        Assert.Equal(303, post.Status);
        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/privacy"); // back to the page, without the preferences
        await ExpectDecidedAsync();
        Assert.Null(await AnalyticsScriptTypeAsync());
        await Banner.OpenPreferencesAfterDecisionAsync();
        await Expect(Banner.Analytics).ToBeCheckedAsync();
    }

    [Fact]
    public async Task FooterCookieSettings_WithoutJavaScriptBeforeDeciding_OpensThePreferencesInThePage()
    {
        await GotoAsync("/pricing");
        await Expect(Banner.SaveChoices).ToBeHiddenAsync();

        // A link to #ck-prefs in the same page: the browser opens the disclosure around the fragment's target.
        await Banner.FooterCookieSettings.ClickAsync();

        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/pricing#ck-prefs");
        await Expect(Banner.Analytics).ToBeVisibleAsync();
        await Banner.Analytics.CheckAsync();
        var post = await PostDecisionAsync(() => Banner.SaveChoices.ClickAsync());

        Assert.Equal(303, post.Status);
        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/pricing");
        await ExpectDecidedAsync();
        Assert.Null(await AnalyticsScriptTypeAsync());
    }

    [Fact]
    public async Task AllowButton_WithoutJavaScript_PostsGrantAndRedirectsBackWithVideoLive()
    {
        await GotoAsync("/");
        var placeholder = Page.Locator("div.ck-embed[data-consent-placeholder=marketing]");
        Assert.Null(await Page.Locator("iframe.video").GetAttributeAsync("src"));

        var post = await PostDecisionAsync(() => placeholder.GetByRole(AriaRole.Button, new() { Name = "Allow Marketing and media", Exact = true }).ClickAsync());

        Assert.Equal(303, post.Status);
        Assert.Equal("/", await post.HeaderValueAsync("location"));
        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/");
        await Expect(Page.Locator("iframe.video")).ToHaveAttributeAsync("src", EmbedTests.VideoUrl);
        await Expect(Page.Locator("iframe.video")).ToBeVisibleAsync();
        await Expect(placeholder).ToHaveCountAsync(0);
        // Granting marketing in place decides; analytics stays off.
        await ExpectDecidedAsync();
        Assert.Equal("text/plain", await AnalyticsScriptTypeAsync());
        Assert.NotNull(await ConsentCookieAsync());
    }

    // Clicks a button of the banner and returns the answer to its post, which must be a plain form post (a document, not fetch).
    private async Task<IResponse> PostDecisionAsync(Func<Task> click)
    {
        var response = await Page.RunAndWaitForResponseAsync(click, r => r.Request.Method == "POST" && r.Url == Site.BaseUrl + "/_consent");
        Assert.Equal("document", response.Request.ResourceType);
        return response;
    }

    private async Task ExpectDecidedAsync()
    {
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Expect(Banner.Form).ToBeHiddenAsync();
        await Expect(Banner.CookieSettings).ToBeVisibleAsync();
    }

    // The type attribute of the head's Hotjar snippet: "text/plain" while inert, null when it is a live script.
    // (Text filters skip script contents, so the snippet is found by reading each script's text.)
    private async Task<string?> AnalyticsScriptTypeAsync()
    {
        var snippets = new List<ILocator>();
        foreach (var script in await Page.Locator("head script").AllAsync())
        {
            if ((await script.TextContentAsync())?.Contains("window.__analyticsRan = true", StringComparison.Ordinal) == true)
            {
                snippets.Add(script);
            }
        }

        return await Assert.Single(snippets).GetAttributeAsync("type");
    }
}
