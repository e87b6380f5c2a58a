using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// A category with several services lets the visitor refuse each service on its own (the sample's analytics:
/// Hotjar and Parcelwise's own statistics). A refused service is not granted, its cookies are dropped and
/// expired, and the choice survives in the consent cookie; a category with one service has no such toggle.
/// </summary>
public sealed class ServiceChoiceTests : IAsyncLifetime
{
    private readonly SampleSite _site = new();
    private Visitor _visitor = null!;

    public ValueTask InitializeAsync()
    {
        _visitor = _site.CreateVisitor();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _visitor.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Banner_CategoryWithSeveralServices_OffersAToggleForEachOnByDefault()
    {
        // Act
        var page = await _visitor.OpenPageAsync("/");

        // Assert
        var form = Page.BannerForm(page);
        Assert.True(form.QuerySelector<IHtmlInputElement>("#ck-s-hotjar")!.IsChecked);
        Assert.True(form.QuerySelector<IHtmlInputElement>("#ck-s-parcelwise-analytics")!.IsChecked);
        Assert.Null(form.QuerySelector("#ck-s-crisp")); // necessary: nothing to refuse
        Assert.Null(form.QuerySelector("#ck-s-youtube")); // marketing has one service: the category decides
        Assert.NotNull(form.QuerySelector("input[type=hidden][name=services]"));
    }

    [Fact]
    public async Task Save_AnalyticsWithHotjarUnticked_HotjarRefusedItsSiblingGranted()
    {
        // Act
        await SaveAnalyticsWithoutHotjarAsync();

        // Assert
        var consent = await _visitor.GetConsentAsync("analytics", "hotjar", "parcelwise-analytics", "youtube");
        Assert.Equal(new Dictionary<string, bool> { ["analytics"] = true, ["hotjar"] = false, ["parcelwise-analytics"] = true, ["youtube"] = false }, consent.IsGranted);
        var next = await _visitor.OpenPreferencesAsync(await _visitor.OpenPageAsync("/pricing"));
        Assert.False(Page.BannerForm(next).QuerySelector<IHtmlInputElement>("#ck-s-hotjar")!.IsChecked);
        Assert.Equal("necessary analytics parcelwise-analytics", Page.Banner(next).GetAttribute("data-granted"));
    }

    [Fact]
    public async Task IsGranted_KeysSpelledInAnotherCase_AnswerAsTheConfiguredKeys()
    {
        // Arrange: analytics granted with Hotjar refused; marketing refused
        await SaveAnalyticsWithoutHotjarAsync();

        // Act
        var consent = await _visitor.GetConsentAsync("Analytics", "MARKETING", "HotJar", "Parcelwise-Analytics", "analytic");

        // Assert
        Assert.Equal(
            new Dictionary<string, bool> { ["Analytics"] = true, ["MARKETING"] = false, ["HotJar"] = false, ["Parcelwise-Analytics"] = true, ["analytic"] = false },
            consent.IsGranted);
    }

    [Fact]
    public async Task SaveJson_ServicesListed_UnlistedRefusedAndReported()
    {
        // Arrange
        var token = Page.AntiforgeryToken(await _visitor.OpenPageAsync("/"));

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"],"services":["parcelwise-analytics"]}""", token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(["necessary", "analytics", "parcelwise-analytics"], state.GetProperty("granted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["marketing", "hotjar"], state.GetProperty("denied").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task SaveJson_NoServicesListed_EveryServiceOfTheCategoryGranted()
    {
        // Arrange
        var token = Page.AntiforgeryToken(await _visitor.OpenPageAsync("/"));

        // Act
        (await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", token)).Dispose();

        // Assert
        var consent = await _visitor.GetConsentAsync("hotjar", "parcelwise-analytics");
        Assert.True(consent.IsGranted["hotjar"]);
        Assert.True(consent.IsGranted["parcelwise-analytics"]);
    }

    [Fact]
    public async Task SaveJson_UnknownService_BadRequestNamingIt()
    {
        // Arrange
        var token = Page.AntiforgeryToken(await _visitor.OpenPageAsync("/"));

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"],"services":["mixpanel"]}""", token);

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Unknown service 'mixpanel'", problem.GetProperty("detail").GetString());
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task CookieGate_HotjarRefused_DropsHotjarCookiesKeepsTheSiblingsCookie()
    {
        // Arrange
        var token = Page.AntiforgeryToken(await _visitor.OpenPageAsync("/"));
        (await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"],"services":["parcelwise-analytics"]}""", token)).Dispose();

        // Act: the same response carries a Hotjar cookie and the sample's own statistics cookie
        using var response = await _visitor.GetAsync("/_test/response?set=_hjSession_42");

        // Assert
        Assert.Null(response.GetSetCookie("_hjSession_42"));
        Assert.NotNull(response.GetSetCookie("sample_visitor"));
    }

    [Fact]
    public async Task Save_RefusingHotjarLater_ExpiresItsCookiesOnly()
    {
        // Arrange: analytics granted whole; the browser holds a Hotjar cookie and the sample's own one
        var token = Page.AntiforgeryToken(await _visitor.OpenPageAsync("/"));
        (await _visitor.PostJsonAsync("""{"action":"accept-all"}""", token)).Dispose();
        _visitor.Cookies["_hjSessionUser_1"] = "x";
        _visitor.Cookies["sample_visitor"] = "abc";

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics","marketing"],"services":["parcelwise-analytics"]}""", token);

        // Assert
        var expired = response.GetSetCookie("_hjSessionUser_1");
        Assert.NotNull(expired);
        Assert.True(expired.Expires < DateTimeOffset.UtcNow);
        Assert.Null(response.GetSetCookie("sample_visitor"));
    }

    [Fact]
    public async Task ConsentCookie_WithRefusedService_ReadBackByAnotherInstanceWithTheSameKeys()
    {
        // Arrange
        var token = Page.AntiforgeryToken(await _visitor.OpenPageAsync("/"));
        (await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"],"services":["parcelwise-analytics"]}""", token)).Dispose();
        await using var other = new SampleSite(keys: _site.Keys);
        using var sameBrowser = other.CreateVisitor();
        sameBrowser.Cookies[Visitor.ConsentCookie] = _visitor.Cookies[Visitor.ConsentCookie];

        // Act
        var consent = await sameBrowser.GetConsentAsync("hotjar", "parcelwise-analytics");

        // Assert
        Assert.True(consent.HasDecided);
        Assert.False(consent.IsGranted["hotjar"]);
        Assert.True(consent.IsGranted["parcelwise-analytics"]);
    }

    // The banner's "Save" with analytics ticked and Hotjar, one of its two services, unticked.
    private async Task SaveAnalyticsWithoutHotjarAsync()
    {
        var page = await _visitor.OpenPageAsync("/");
        Page.CategoryCheckbox(page, "analytics").IsChecked = true;
        Page.BannerForm(page).QuerySelector<IHtmlInputElement>("#ck-s-hotjar")!.IsChecked = false;
        (await _visitor.SubmitBannerAsync(page, "save")).Dispose();
    }
}
