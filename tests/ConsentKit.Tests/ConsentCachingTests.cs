using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Tests;

/// <summary>
/// A response whose content depended on the visitor's consent must not be shared: it becomes
/// <c>Cache-Control: private</c> with <c>Vary: Cookie</c>; a response that never asked is left alone.
/// With output caching, <c>VaryByConsent()</c> keeps one copy per consent state and pages with the banner
/// (a per-visitor antiforgery token) are never stored.
/// </summary>
public sealed class ConsentCachingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "private")]
    [InlineData("public, max-age=60", "private, max-age=60")]
    [InlineData("max-age=60, public, must-revalidate", "private, max-age=60, must-revalidate")]
    public async Task Response_ConsentQueried_PrivateAndVaryCookie(string? cacheControl, string expected)
    {
        // Arrange
        await using var site = await TestSite.StartAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        var query = "ask=analytics" + (cacheControl is null ? "" : "&cacheControl=" + Uri.EscapeDataString(cacheControl));

        // Act
        using var response = await visitor.GetAsync("/_test/response?" + query);

        // Assert
        Assert.Equal(CacheControlHeaderValue.Parse(expected), response.Headers.CacheControl);
        Assert.Contains("Cookie", response.Headers.Vary);
    }

    [Theory]
    [InlineData("no-store")]
    [InlineData("private, max-age=5")]
    public async Task Response_ConsentQueriedAlreadyUnshared_CacheControlKept(string cacheControl)
    {
        // Arrange
        await using var site = await TestSite.StartAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/_test/response?ask=analytics&cacheControl=" + Uri.EscapeDataString(cacheControl));

        // Assert
        Assert.Equal(CacheControlHeaderValue.Parse(cacheControl), response.Headers.CacheControl);
        Assert.DoesNotContain("Cookie", response.Headers.Vary);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("public, max-age=60")]
    public async Task Response_ConsentNeverQueried_Untouched(string? cacheControl)
    {
        // Arrange
        await using var site = await TestSite.StartAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        var query = cacheControl is null ? "" : "cacheControl=" + Uri.EscapeDataString(cacheControl);

        // Act
        using var response = await visitor.GetAsync("/_test/response?" + query);

        // Assert
        Assert.Equal("not asked", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(cacheControl is null ? null : CacheControlHeaderValue.Parse(cacheControl), response.Headers.CacheControl);
        Assert.Empty(response.Headers.Vary);
    }

    [Fact]
    public async Task SamplePage_BannerWithAntiforgeryToken_NoStoreKept()
    {
        // Arrange: the banner's antiforgery token makes the page no-store, which is stricter than private
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/pricing");

        // Assert
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.False(response.Headers.CacheControl?.Public);
    }

    [Fact]
    public async Task OutputCache_VisitorsWithDifferentConsent_GetTheirOwnCopy()
    {
        // Arrange
        await using var site = await StartOutputCachedSiteAsync();
        using var undecided = site.CreateVisitor();
        using var otherUndecided = site.CreateVisitor();
        using var accepted = site.CreateVisitor();
        var token = await accepted.GetAntiforgeryTokenAsync();
        (await accepted.PostJsonAsync("""{"action":"accept-all"}""", token)).Dispose();

        // Act
        var first = await undecided.OpenPageAsync("/Gate");
        var again = await undecided.OpenPageAsync("/Gate");
        var forAccepted = await accepted.OpenPageAsync("/Gate");
        var forOtherUndecided = await otherUndecided.OpenPageAsync("/Gate");

        // Assert
        Assert.Equal(["1", "1", "2", "1"], new[] { first, again, forAccepted, forOtherUndecided }.Select(p => p.QuerySelector("#render")!.TextContent));
        Assert.Null(first.QuerySelector("#analytics-content"));
        Assert.NotNull(forAccepted.QuerySelector("#analytics-content"));
        Assert.Null(forOtherUndecided.QuerySelector("#analytics-content"));
    }

    [Fact]
    public async Task OutputCache_PageWithBanner_NeverStored()
    {
        // Arrange
        await using var site = await StartOutputCachedSiteAsync();
        using var visitor = site.CreateVisitor();
        (await visitor.GetAsync("/Banner")).Dispose(); // issues the antiforgery cookie

        // Act
        using var second = await visitor.GetAsync("/Banner");
        using var third = await visitor.GetAsync("/Banner");

        // Assert: the later responses set no cookie, so only the banner keeps them out of the cache
        Assert.Empty(second.SetCookieHeaders());
        Assert.Equal(3, site.App.Services.GetRequiredService<RenderCounter>().Count);
        Assert.Contains("<p id=\"render\">3</p>", await third.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task OutputCache_PageWithEmbedPlaceholder_EachVisitorCanGrantFromIt()
    {
        // Arrange: two undecided visitors who already hold an antiforgery cookie, so the page sets no cookie
        await using var site = await StartOutputCachedSiteAsync();
        using var first = site.CreateVisitor();
        using var second = site.CreateVisitor();
        await first.GetAntiforgeryTokenAsync();
        await second.GetAntiforgeryTokenAsync();
        (await first.GetAsync("/Embeds")).Dispose();

        // Act: the second visitor grants marketing from the placeholder of the page they were served
        var page = await second.OpenPageAsync("/Embeds");
        var form = page.QuerySelector<IHtmlFormElement>("div.ck-embed[data-consent-placeholder=marketing] form")!;
        using var response = await second.SubmitFormAsync(form, form.QuerySelector<IHtmlButtonElement>("button")!);

        // Assert: the placeholder carried the second visitor's own antiforgery token
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(["necessary", "marketing"], (await second.GetConsentAsync()).GrantedCategories);
    }

    [Fact]
    public async Task OutputCache_DecidedVisitorAsksForThePreferences_GetsThemNotTheCachedPageWithout()
    {
        // Arrange: a decided visitor whose browser sends Fetch Metadata, so their banner has no token and is cached
        await using var site = await StartOutputCachedSiteAsync();
        using var visitor = site.CreateVisitor();
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/Banner"), "reject-all")).Dispose();
        var page = await visitor.OpenPageAsync("/Banner", fetchMetadata: true);
        var cached = await visitor.OpenPageAsync("/Banner", fetchMetadata: true);

        // Act
        var preferences = await visitor.OpenPreferencesAsync(cached, fetchMetadata: true);
        var after = await visitor.OpenPageAsync("/Banner", fetchMetadata: true);

        // Assert: the page with the preferences is its own copy; the page without them is still served from the cache
        Assert.Equal(page.QuerySelector("#render")!.TextContent, cached.QuerySelector("#render")!.TextContent);
        Assert.False(Page.HasPreferences(cached));
        Assert.True(Page.HasPreferences(preferences));
        Assert.False(Page.HasPreferences(after));
        Assert.Equal(page.QuerySelector("#render")!.TextContent, after.QuerySelector("#render")!.TextContent);
    }

    private static Task<TestSite> StartOutputCachedSiteAsync() =>
        TestSite.StartWithPagesAsync(
            TestSite.ThreeCategories(),
            services => services.AddOutputCache(options => options.AddBasePolicy(policy => policy.VaryByConsent())),
            afterConsentKit: app => app.UseOutputCache());
}
