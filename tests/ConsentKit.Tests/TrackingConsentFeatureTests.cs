using System.Net;
using ConsentKit.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;
using SameSiteMode = Microsoft.Net.Http.Headers.SameSiteMode;

namespace ConsentKit.Tests;

/// <summary>
/// ConsentKit answers ASP.NET Core's ITrackingConsentFeature: "can track" means every optional category
/// is granted, and GrantConsent()/WithdrawConsent()/CreateConsentCookie() write real, working decisions.
/// </summary>
public sealed class TrackingConsentFeatureTests
{
    [Fact]
    public async Task TrackingFeature_BeforeDecision_ConsentNeededAndCannotTrack()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        var tracking = await visitor.GetTrackingAsync();

        // Assert
        Assert.Equal(new TrackingSnapshot(IsConsentNeeded: true, HasConsent: false, CanTrack: false), tracking);
    }

    [Fact]
    public async Task TrackingFeature_AfterRejectAll_CannotTrack()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/"), "reject-all")).Dispose();

        // Act
        var tracking = await visitor.GetTrackingAsync();

        // Assert
        Assert.Equal(new TrackingSnapshot(IsConsentNeeded: true, HasConsent: false, CanTrack: false), tracking);
    }

    [Theory]
    [InlineData("accept-all")]
    [InlineData("save")]
    public async Task TrackingFeature_AfterEveryOptionalCategoryGranted_CanTrack(string action)
    {
        // Arrange: "save" with every optional category checked is as good as "accept all"
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        var page = await visitor.OpenPageAsync("/");
        foreach (var key in site.OptionalCategoryKeys)
        {
            Page.CategoryCheckbox(page, key).IsChecked = true;
        }
        (await visitor.SubmitBannerAsync(page, action)).Dispose();

        // Act
        var tracking = await visitor.GetTrackingAsync();

        // Assert
        Assert.Equal(new TrackingSnapshot(IsConsentNeeded: true, HasConsent: true, CanTrack: true), tracking);
    }

    [Fact]
    public async Task TrackingFeature_SomeOptionalCategoriesGranted_CannotTrack()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        (await visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", await visitor.GetAntiforgeryTokenAsync())).Dispose();

        // Act
        var tracking = await visitor.GetTrackingAsync();

        // Assert
        Assert.Equal(new TrackingSnapshot(IsConsentNeeded: true, HasConsent: false, CanTrack: false), tracking);
        Assert.True((await visitor.GetConsentAsync()).HasDecided);
    }

    [Fact]
    public async Task TrackingFeature_OnlyRequiredCategories_NoConsentNeededAndCanTrack()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["ConsentKit:Categories:0:Key"] = "necessary",
            ["ConsentKit:Categories:0:Required"] = "true",
        });
        using var visitor = site.CreateVisitor();

        // Act
        var tracking = await visitor.GetTrackingAsync();

        // Assert
        Assert.Equal(new TrackingSnapshot(IsConsentNeeded: false, HasConsent: false, CanTrack: true), tracking);
    }

    [Fact]
    public async Task GrantConsent_UndecidedVisitor_WritesWorkingAcceptAllCookie()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync($"{TestEndpoints.Prefix}/tracking/grant");
        var page = await visitor.OpenPageAsync("/");
        var consent = await visitor.GetConsentAsync("analytics");
        var tracking = await visitor.GetTrackingAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.GetSetCookie(Visitor.ConsentCookie);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal(TimeSpan.FromDays(182), cookie.MaxAge);
        Assert.Equal("decided", Page.BannerState(page));
        Assert.True(Page.IsLive(Page.AnalyticsScript(page)));
        Assert.True(consent.HasDecided);
        Assert.True(consent.IsGranted["analytics"]);
        Assert.True(tracking.CanTrack);
    }

    [Fact]
    public async Task GrantConsent_SameRequest_FeatureReportsConsentAtOnce()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        var tracking = await visitor.GetTrackingAsync("/grant");

        // Assert
        Assert.Equal(new TrackingSnapshot(IsConsentNeeded: true, HasConsent: true, CanTrack: true), tracking);
    }

    [Fact]
    public async Task WithdrawConsent_AfterAcceptAll_AnalyticsInertAndConsentIdKept()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/"), "accept-all")).Dispose();
        var before = await visitor.GetConsentAsync();

        // Act
        var tracking = await visitor.GetTrackingAsync("/withdraw");
        var after = await visitor.GetConsentAsync("analytics");
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.False(tracking.CanTrack);
        Assert.True(after.HasDecided);
        Assert.False(after.IsGranted["analytics"]);
        Assert.Equal(before.ConsentId, after.ConsentId);
        Assert.True(Page.IsInert(Page.AnalyticsScript(page), "hotjar"));
    }

    [Fact]
    public async Task CreateConsentCookie_StoredByBrowser_GrantsEveryCategory()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        using var response = await visitor.GetAsync($"{TestEndpoints.Prefix}/tracking/cookie");
        var header = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Act: page script writes the cookie (document.cookie = "…"), the use CreateConsentCookie() exists for
        var kept = visitor.Cookies.StoreFromScript(header);
        var page = await visitor.OpenPageAsync("/");
        var consent = await visitor.GetConsentAsync("analytics");

        // Assert
        Assert.True(kept, $"A browser ignores this cookie when script writes it: {header}");
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie)); // creating the header decides nothing by itself
        var cookie = SetCookieHeaderValue.Parse(header);
        Assert.Equal(Visitor.ConsentCookie, cookie.Name.ToString());
        Assert.Equal(TimeSpan.FromDays(182), cookie.MaxAge);
        Assert.Equal("decided", Page.BannerState(page));
        Assert.True(Page.IsLive(Page.AnalyticsScript(page)));
        Assert.True(consent.IsGranted["analytics"]);
    }
}
