using ConsentKit.Configuration;
using ConsentKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Tests;

/// <summary>
/// Opt-in (the default) keeps optional categories off until granted; opt-out grants them until the visitor,
/// or a Global Privacy Control signal, refuses. A ModeSelector chooses per request; the banner speaks accordingly.
/// </summary>
public sealed class ConsentModeTests
{
    private static readonly Dictionary<string, string?> OptOut = new() { ["ConsentKit:Mode"] = "OptOut" };

    [Fact]
    public async Task GetConsent_OptOutBeforeDecision_OptionalCategoriesGranted()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(WithOptOut(TestSite.ThreeCategories()));
        using var visitor = site.CreateVisitor();

        // Act
        var consent = await visitor.GetConsentAsync("analytics", "marketing");

        // Assert
        Assert.False(consent.HasDecided);
        Assert.Equal(["necessary", "analytics", "marketing"], consent.GrantedCategories);
        Assert.Equal(new Dictionary<string, bool> { ["analytics"] = true, ["marketing"] = true }, consent.IsGranted);
    }

    [Fact]
    public async Task TrackingFeature_OptOutBeforeDecision_CanTrackLikeConsentKit()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(WithOptOut(TestSite.ThreeCategories()));
        using var visitor = site.CreateVisitor();

        // Act
        var tracking = await visitor.GetTrackingAsync();

        // Assert: ASP.NET Core's cookie policy must agree with GetConsent(), which grants everything here
        Assert.True(tracking.HasConsent);
        Assert.True(tracking.CanTrack);
    }

    [Fact]
    public async Task GetConsent_OptOutWithGpc_GpcCategoriesOff()
    {
        // Arrange
        var settings = WithOptOut(TestSite.ThreeCategories());
        settings["ConsentKit:Categories:3:Key"] = "functional";
        await using var site = await TestSite.StartAsync(settings);
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");

        // Act
        var consent = await visitor.GetConsentAsync();

        // Assert
        Assert.False(consent.HasDecided);
        Assert.Equal(["necessary", "functional"], consent.GrantedCategories);
    }

    [Fact]
    public async Task GetConsent_OptOutAfterRejectAll_OptionalCategoriesOff()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(WithOptOut(TestSite.ThreeCategories()));
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        (await visitor.PostJsonAsync("""{"action":"reject-all"}""", token)).Dispose();
        var consent = await visitor.GetConsentAsync();

        // Assert
        Assert.True(consent.HasDecided);
        Assert.Equal(["necessary"], consent.GrantedCategories);
    }

    [Fact]
    public async Task ModeSelector_ChoosesPerRequest()
    {
        // Arrange: the CDN tells the region; opt-out only where the law allows it
        await using var site = await TestSite.StartAsync(
            TestSite.ThreeCategories(),
            services => services.Configure<ConsentKitOptions>(options =>
                options.ModeSelector = context => context.Request.Headers["X-Region"] == "us-ca" ? ConsentMode.OptOut : ConsentMode.OptIn));
        using var inEurope = site.CreateVisitor();
        using var inCalifornia = site.CreateVisitor();
        inCalifornia.SendAlways("X-Region", "us-ca");

        // Act
        var europe = await inEurope.GetConsentAsync();
        var california = await inCalifornia.GetConsentAsync();

        // Assert
        Assert.Equal(["necessary"], europe.GrantedCategories);
        Assert.Equal(["necessary", "analytics", "marketing"], california.GrantedCategories);
    }

    [Fact]
    public async Task ModeSelector_OverridesConfiguredMode()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(
            WithOptOut(TestSite.ThreeCategories()),
            services => services.Configure<ConsentKitOptions>(options => options.ModeSelector = _ => ConsentMode.OptIn));
        using var visitor = site.CreateVisitor();

        // Act
        var consent = await visitor.GetConsentAsync();

        // Assert
        Assert.Equal(["necessary"], consent.GrantedCategories);
    }

    [Fact]
    public async Task SamplePage_OptOutFirstVisit_OptOutTextsAndEverythingRuns()
    {
        // Arrange
        await using var site = new SampleSite(OptOut);
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal("undecided", Page.BannerState(page));
        Assert.True(Page.BannerIsOpen(page));
        Assert.Equal("Your privacy choices", Page.Banner(page).QuerySelector("#ck-title")!.TextContent);
        Assert.StartsWith("We use optional cookies for analytics and advertising unless you opt out.", Page.Banner(page).QuerySelector("p.ck-text")!.TextContent);
        Assert.True(Page.IsLive(Page.AnalyticsScript(page)));
        Assert.True(Page.CategoryCheckbox(page, "analytics").IsChecked);
        Assert.NotNull(page.QuerySelector("iframe[src^='https://www.youtube-nocookie.com/']"));
        Assert.NotNull(visitor.Cookies["sample_visitor"]);
    }

    [Fact]
    public async Task SamplePage_OptIn_SiteTitle()
    {
        // Arrange: the control of the test above
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal("Cookies at Parcelwise", Page.Banner(page).QuerySelector("#ck-title")!.TextContent);
        Assert.True(Page.IsInert(Page.AnalyticsScript(page), "hotjar"));
    }

    [Fact]
    public async Task SamplePage_OptOutWithSiteOptOutTitle_SiteTitle()
    {
        // Arrange
        await using var site = new SampleSite(new Dictionary<string, string?>(OptOut) { ["ConsentKit:Texts:OptOutTitle"] = "Opt out at Parcelwise" });
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal("Opt out at Parcelwise", Page.Banner(page).QuerySelector("#ck-title")!.TextContent);
    }

    [Fact]
    public async Task SamplePage_OptOutWithGpc_TrackingHeldBackAndNoted()
    {
        // Arrange
        await using var site = new SampleSite(OptOut);
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.True(Page.IsInert(Page.AnalyticsScript(page), "hotjar"));
        Assert.False(Page.CategoryCheckbox(page, "analytics").IsChecked);
        Assert.NotNull(Page.Banner(page).QuerySelector("p.ck-gpc"));
        Assert.Null(page.QuerySelector("iframe[src]"));
        Assert.Null(visitor.Cookies["sample_visitor"]);
    }

    private static Dictionary<string, string?> WithOptOut(Dictionary<string, string?> settings)
    {
        settings["ConsentKit:Mode"] = "OptOut";
        return settings;
    }
}
