using System.Net;
using ConsentKit.TagHelpers;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// The <c>consentkit=preferences</c> query parameter that opens the preferences: found only as a whole parameter,
/// and removed from the page's own query without touching the rest, so a decision returns to the page as it was.
/// </summary>
public class PreferencesQueryTests
{
    [Theory]
    [InlineData("?consentkit=preferences", true)]
    [InlineData("?a=1&consentkit=preferences", true)]
    [InlineData("?consentkit=preferences&a=1", true)]
    [InlineData("?xconsentkit=preferences", false)]
    [InlineData("?consentkit=preferencesx", false)]
    [InlineData("?a=consentkit=preferences", false)]
    [InlineData("?consentkit=Preferences", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsIn_Query_TrueOnlyForTheWholeParameter(string? query, bool expected)
    {
        Assert.Equal(expected, PreferencesQuery.IsIn(query));
    }

    [Theory]
    [InlineData("?consentkit=preferences", "")]
    [InlineData("?a=1&consentkit=preferences", "?a=1")]
    [InlineData("?consentkit=preferences&a=1", "?a=1")]
    [InlineData("?a=1&consentkit=preferences&b=2", "?a=1&b=2")]
    [InlineData("?consentkit=preferences&consentkit=preferences", "")]
    [InlineData("?xconsentkit=preferences&consentkit=preferences", "?xconsentkit=preferences")]
    [InlineData("?a=1", "?a=1")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Remove_Query_DropsTheParameterAndKeepsTheRest(string? query, string? expected)
    {
        Assert.Equal(expected, PreferencesQuery.Remove(query));
    }

    [Theory]
    [InlineData(null, "?consentkit=preferences")]
    [InlineData("", "?consentkit=preferences")]
    [InlineData("?a=1", "?a=1&consentkit=preferences")]
    public void Add_Query_AppendsTheParameter(string? query, string expected)
    {
        Assert.Equal(expected, PreferencesQuery.Add(query));
    }

    [Fact]
    public async Task PreferencesPage_PathAndQueryToEscape_LinkedAndReturnedToEscaped()
    {
        // Arrange: a decided visitor on a page whose path and query need escaping
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/Banner"), "reject-all")).Dispose();
        var page = await visitor.OpenPageAsync("/Banner/caf%C3%A9?q=a%20b");

        // Act
        var preferences = await visitor.OpenPreferencesAsync(page);
        using var response = await visitor.SubmitBannerAsync(preferences, "accept-all");

        // Assert: the link keeps the page's own query; the decision returns to the page as it was, in ASCII
        Assert.Equal("/Banner/caf%C3%A9?q=a%20b&consentkit=preferences#ck-prefs", Page.PreferencesLink(page).GetAttribute("href"));
        Assert.True(Page.HasPreferences(preferences));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/Banner/caf%C3%A9?q=a%20b", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task PreferencesPage_UnderAPathBase_LinkedAndReturnedToUnderIt()
    {
        // Arrange: the app mounted under /shop, a decided visitor
        await using var site = await TestSite.StartWithPagesAsync(
            TestSite.ThreeCategories(),
            afterConsentKit: app =>
            {
                app.UsePathBase("/shop");
                app.UseRouting(); // after the path base, so pages and the endpoint match under it
            });
        using var visitor = site.CreateVisitor();
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/shop/Banner"), "reject-all")).Dispose();
        var page = await visitor.OpenPageAsync("/shop/Banner?x=1");

        // Act
        var preferences = await visitor.OpenPreferencesAsync(page);
        using var response = await visitor.SubmitBannerAsync(preferences, "accept-all");

        // Assert
        Assert.Equal("/shop/Banner?x=1&consentkit=preferences#ck-prefs", Page.PreferencesLink(page).GetAttribute("href"));
        Assert.Equal("/shop/Banner?x=1&consentkit=preferences#ck-prefs", page.QuerySelector("a[data-consent-action=settings]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/shop/Banner?x=1", response.Headers.Location?.OriginalString);
        Assert.Equal(["necessary", "analytics", "marketing"], (await visitor.GetConsentAsync()).GrantedCategories);
    }
}
