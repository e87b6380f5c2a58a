using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// Global Privacy Control (<c>Sec-GPC: 1</c>): "accept all" leaves the categories that honour it off
/// (every optional category but <c>functional</c> and <c>preferences</c>, unless configured), an explicit
/// per-category choice still grants them, and <c>/.well-known/gpc.json</c> says the site honours the signal.
/// </summary>
public sealed class GlobalPrivacyControlTests
{
    // necessary (required), analytics, marketing, functional, preferences
    private static Dictionary<string, string?> FiveCategories(params (string Key, string Value)[] extra)
    {
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Categories:3:Key"] = "functional";
        settings["ConsentKit:Categories:4:Key"] = "preferences";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task AcceptAll_WithGpc_TrackingCategoriesStayOffAndAnswerSaysSo()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(FiveCategories());
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");
        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        using var response = await visitor.PostJsonAsync("""{"action":"accept-all"}""", token);

        // Assert
        var state = await ReadStateAsync(response);
        Assert.Equal(["necessary", "functional", "preferences"], Keys(state, "granted"));
        Assert.Equal(["analytics", "marketing"], Keys(state, "denied"));
        Assert.True(state.GetProperty("globalPrivacyControl").GetBoolean());
        Assert.Equal(["necessary", "functional", "preferences"], (await visitor.GetConsentAsync()).GrantedCategories);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public async Task AcceptAll_WithoutGpc_EveryCategoryGranted(string? signal)
    {
        // Arrange
        await using var site = await TestSite.StartAsync(FiveCategories());
        using var visitor = site.CreateVisitor();
        if (signal is not null)
        {
            visitor.SendAlways("Sec-GPC", signal);
        }

        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        using var response = await visitor.PostJsonAsync("""{"action":"accept-all"}""", token);

        // Assert
        var state = await ReadStateAsync(response);
        Assert.Equal(5, Keys(state, "granted").Length);
        Assert.Empty(Keys(state, "denied"));
        Assert.False(state.GetProperty("globalPrivacyControl").GetBoolean());
    }

    [Theory]
    [InlineData("save")]
    [InlineData("grant")]
    public async Task ExplicitChoice_WithGpc_CategoryGranted(string action)
    {
        // Arrange
        await using var site = await TestSite.StartAsync(FiveCategories());
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");
        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        using var response = await visitor.PostJsonAsync($$"""{"action":"{{action}}","categories":["analytics"]}""", token);

        // Assert
        var state = await ReadStateAsync(response);
        Assert.Equal(["necessary", "analytics"], Keys(state, "granted"));
        Assert.False(state.GetProperty("globalPrivacyControl").GetBoolean());
    }

    [Fact]
    public async Task AcceptAll_WithGpcAndPerCategorySetting_SettingDecides()
    {
        // Arrange: analytics opts out of GPC; functional opts in
        await using var site = await TestSite.StartAsync(FiveCategories(
            ("ConsentKit:Categories:1:HonorGlobalPrivacyControl", "false"),
            ("ConsentKit:Categories:3:HonorGlobalPrivacyControl", "true")));
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");
        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        using var response = await visitor.PostJsonAsync("""{"action":"accept-all"}""", token);

        // Assert
        var state = await ReadStateAsync(response);
        Assert.Equal(["necessary", "analytics", "preferences"], Keys(state, "granted"));
        Assert.Equal(["marketing", "functional"], Keys(state, "denied"));
    }

    [Fact]
    public async Task AcceptAll_WithGpcButGpcTurnedOff_EveryCategoryGranted()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(FiveCategories(("ConsentKit:GlobalPrivacyControl", "false")));
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");
        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        using var response = await visitor.PostJsonAsync("""{"action":"accept-all"}""", token);

        // Assert
        var state = await ReadStateAsync(response);
        Assert.Empty(Keys(state, "denied"));
        Assert.False(state.GetProperty("globalPrivacyControl").GetBoolean());
    }

    [Fact]
    public async Task GpcResource_Get_AnswersGpcTrueAsJson()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/.well-known/gpc.json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public); // the same for everyone: consent was never asked
        Assert.Equal(TimeSpan.FromDays(1), response.Headers.CacheControl?.MaxAge);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.True(body.GetProperty("gpc").GetBoolean());
        Assert.Single(body.EnumerateObject());
    }

    [Fact]
    public async Task GpcResource_GpcTurnedOff_NotMapped()
    {
        // Arrange
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:GlobalPrivacyControl"] = "false";
        await using var site = await TestSite.StartAsync(settings);
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/.well-known/gpc.json");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Banner_UndecidedWithGpc_ShowsGpcNote()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        var note = Page.Banner(page).QuerySelector("p.ck-gpc");
        Assert.NotNull(note);
        Assert.StartsWith("Your browser sent a Global Privacy Control signal", note.TextContent);
    }

    [Fact]
    public async Task Banner_UndecidedWithoutGpc_NoGpcNote()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Null(Page.Banner(page).QuerySelector(".ck-gpc"));
    }

    [Fact]
    public async Task Banner_DecidedWithGpc_NoGpcNote()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/"), "reject-all")).Dispose();

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal("decided", Page.BannerState(page));
        Assert.Null(Page.Banner(page).QuerySelector(".ck-gpc"));
    }

    [Fact]
    public async Task Banner_GpcTurnedOff_NoGpcNote()
    {
        // Arrange
        await using var site = new SampleSite(new Dictionary<string, string?> { ["ConsentKit:GlobalPrivacyControl"] = "false" });
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Null(Page.Banner(page).QuerySelector(".ck-gpc"));
    }

    [Fact]
    public async Task AcceptAllFormPost_SampleWithGpc_AnalyticsStaysInertAndNoVisitorCookie()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");
        var page = await visitor.OpenPageAsync("/");

        // Act
        using var response = await visitor.SubmitBannerAsync(page, "accept-all");
        var next = await visitor.OpenPageAsync("/pricing");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("decided", Page.BannerState(next));
        Assert.True(Page.IsInert(Page.AnalyticsScript(next), "hotjar"));
        Assert.Null(visitor.Cookies["sample_visitor"]);
        Assert.Equal(["necessary"], (await visitor.GetConsentAsync()).GrantedCategories);
    }

    private static async Task<JsonElement> ReadStateAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private static string[] Keys(JsonElement state, string property) =>
        state.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
