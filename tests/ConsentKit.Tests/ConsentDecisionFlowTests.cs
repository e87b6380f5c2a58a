using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;
using SameSiteMode = Microsoft.Net.Http.Headers.SameSiteMode;

namespace ConsentKit.Tests;

/// <summary>
/// A visitor of the sample site decides through the banner (form posts, as without JavaScript) or through
/// the JSON endpoint (as consentkit.js does), and the following pages, the cookie and GetConsent() agree.
/// </summary>
public sealed class ConsentDecisionFlowTests : IAsyncLifetime
{
    private static readonly TimeSpan SixMonths = TimeSpan.FromDays(182);

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
    public async Task Page_FirstVisit_BannerOpenAndAnalyticsInert()
    {
        // Act
        var page = await _visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal("undecided", Page.BannerState(page));
        Assert.True(Page.BannerIsOpen(page));
        Assert.True(Page.IsInert(Page.AnalyticsScript(page), "hotjar"));
        Assert.True(Page.IsLive(Page.ChatScript(page)));
        Assert.Null(Page.ChatScript(page).GetAttribute("consent-category"));
        Assert.False(Page.CategoryCheckbox(page, "analytics").IsChecked);
        Assert.Null(_visitor.Cookies[Visitor.ConsentCookie]);
    }

    [Fact]
    public async Task Banner_FirstVisit_OffersRejectBesideAcceptAndEveryOptionalCategory()
    {
        // Act
        var page = await _visitor.OpenPageAsync("/pricing?plan=growth");

        // Assert
        var form = Page.BannerForm(page);
        Assert.Equal("post", form.Method);
        Assert.Equal("/_consent", form.GetAttribute("action"));
        var firstLayer = form.QuerySelectorAll(":scope > div.ck-actions > button[name=action]").Select(b => b.GetAttribute("value"));
        Assert.Equal(["accept-all", "reject-all"], firstLayer);
        Assert.NotEmpty(Page.AntiforgeryToken(page));
        Assert.Equal("/pricing?plan=growth", form.QuerySelector<IHtmlInputElement>("input[name=returnUrl]")!.Value);
        var necessary = Page.CategoryCheckbox(page, "necessary");
        Assert.True(necessary.IsChecked);
        Assert.True(necessary.IsDisabled);
        Assert.Equal(_site.OptionalCategoryKeys, form.QuerySelectorAll("input[name=categories]").Select(i => i.GetAttribute("value")));
        Assert.NotNull(form.QuerySelector("button[data-consent-action=save]"));
    }

    [Fact]
    public async Task GetConsent_FirstVisit_UndecidedWithOnlyRequiredGranted()
    {
        // Act
        var consent = await _visitor.GetConsentAsync("necessary", "analytics", "statistics");

        // Assert
        Assert.False(consent.HasDecided);
        Assert.Null(consent.ConsentId);
        Assert.Null(consent.Revision);
        Assert.Null(consent.DecidedAt);
        Assert.Equal(["necessary"], consent.GrantedCategories);
        Assert.Equal(new Dictionary<string, bool> { ["necessary"] = true, ["analytics"] = false, ["statistics"] = false }, consent.IsGranted);
    }

    [Theory]
    [InlineData("accept-all")]
    [InlineData("reject-all")]
    [InlineData("save")]
    public async Task Decision_FormPost_RedirectsBackAndWritesSixMonthHttpOnlyLaxCookie(string action)
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/pricing?x=1");

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, action);

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/pricing?x=1", response.Headers.Location?.OriginalString);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var cookie = response.GetSetCookie(Visitor.ConsentCookie);
        Assert.NotNull(cookie);
        Assert.StartsWith("1.", cookie.Value.ToString());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal(SixMonths, cookie.MaxAge);
        Assert.Equal("/", cookie.Path.ToString());
        Assert.False(cookie.Secure); // Secure follows the request: this one is plain http
        Assert.Null(cookie.Domain.Value);
    }

    [Fact]
    public async Task AcceptAll_FormPost_FollowingPagesRunAnalyticsAndShowDecidedBanner()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");

        // Act
        (await _visitor.SubmitBannerAsync(page, "accept-all")).Dispose();
        var next = await _visitor.OpenPageAsync("/pricing");

        // Assert
        Assert.Equal("decided", Page.BannerState(next));
        Assert.False(Page.BannerIsOpen(next));
        var analytics = Page.AnalyticsScript(next);
        Assert.True(Page.IsLive(analytics));
        Assert.Null(analytics.GetAttribute("consent-category"));
        Assert.Null(analytics.GetAttribute("data-consent-category"));
        Assert.False(Page.HasPreferences(next));
        Assert.True(Page.CategoryCheckbox(await _visitor.OpenPreferencesAsync(next), "analytics").IsChecked);
    }

    [Fact]
    public async Task AcceptAll_FormPost_GetConsentReportsTheDecision()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");

        // Act
        (await _visitor.SubmitBannerAsync(page, "accept-all")).Dispose();
        var consent = await _visitor.GetConsentAsync("necessary", "analytics", "statistics");

        // Assert
        Assert.True(consent.HasDecided);
        Assert.False(string.IsNullOrEmpty(consent.ConsentId));
        Assert.Equal(1, consent.Revision);
        Assert.Equal(ManualClock.Start, consent.DecidedAt);
        Assert.Equal(_site.CategoryKeys, consent.GrantedCategories);
        Assert.Equal(new Dictionary<string, bool> { ["necessary"] = true, ["analytics"] = true, ["statistics"] = false }, consent.IsGranted);
    }

    [Fact]
    public async Task RejectAll_FormPost_CookieWrittenAndAnalyticsStaysInert()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/privacy");

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "reject-all");
        var next = await _visitor.OpenPageAsync("/");
        var consent = await _visitor.GetConsentAsync("necessary", "analytics");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/privacy", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.Equal("decided", Page.BannerState(next));
        Assert.False(Page.BannerIsOpen(next));
        Assert.True(Page.IsInert(Page.AnalyticsScript(next), "hotjar"));
        Assert.True(Page.IsLive(Page.ChatScript(next)));
        Assert.False(Page.CategoryCheckbox(await _visitor.OpenPreferencesAsync(next), "analytics").IsChecked);
        Assert.True(consent.HasDecided);
        Assert.Equal(["necessary"], consent.GrantedCategories);
        Assert.Equal(new Dictionary<string, bool> { ["necessary"] = true, ["analytics"] = false }, consent.IsGranted);
    }

    [Fact]
    public async Task Save_AnalyticsChecked_AnalyticsGranted()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");
        Page.CategoryCheckbox(page, "analytics").IsChecked = true;

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "save");
        var next = await _visitor.OpenPageAsync("/");
        var consent = await _visitor.GetConsentAsync("analytics");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.NotNull(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.True(Page.IsLive(Page.AnalyticsScript(next)));
        Assert.True(Page.CategoryCheckbox(await _visitor.OpenPreferencesAsync(next), "analytics").IsChecked);
        Assert.Equal("decided", Page.BannerState(next));
        Assert.Equal(["necessary", "analytics"], consent.GrantedCategories);
        Assert.True(consent.IsGranted["analytics"]);
    }

    [Fact]
    public async Task Save_NothingChecked_DecidedWithOnlyRequiredGranted()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "save");
        var next = await _visitor.OpenPageAsync("/");
        var consent = await _visitor.GetConsentAsync("analytics");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("decided", Page.BannerState(next));
        Assert.True(Page.IsInert(Page.AnalyticsScript(next), "hotjar"));
        Assert.False(Page.CategoryCheckbox(await _visitor.OpenPreferencesAsync(next), "analytics").IsChecked);
        Assert.True(consent.HasDecided);
        Assert.Equal(["necessary"], consent.GrantedCategories);
    }

    [Fact]
    public async Task RejectAll_AfterAcceptAll_SameConsentIdNewStateAndTime()
    {
        // Arrange
        (await _visitor.SubmitBannerAsync(await _visitor.OpenPageAsync("/"), "accept-all")).Dispose();
        var before = await _visitor.GetConsentAsync();
        _site.Clock.Advance(TimeSpan.FromDays(3));

        // Act: the visitor reopens "Cookie settings" on a later page and changes their mind
        var page = await _visitor.OpenPageAsync("/pricing");
        using var response = await _visitor.SubmitBannerAsync(page, "reject-all");
        var after = await _visitor.GetConsentAsync();
        var next = await _visitor.OpenPageAsync("/pricing");

        // Assert
        Assert.NotNull(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.Equal(before.ConsentId, after.ConsentId);
        Assert.Equal(_site.CategoryKeys, before.GrantedCategories);
        Assert.Equal(["necessary"], after.GrantedCategories);
        Assert.Equal(ManualClock.Start + TimeSpan.FromDays(3), after.DecidedAt);
        Assert.True(Page.IsInert(Page.AnalyticsScript(next), "hotjar"));
    }

    [Fact]
    public async Task Save_UncheckAnalyticsAfterAcceptAll_AnalyticsWithdrawn()
    {
        // Arrange
        (await _visitor.SubmitBannerAsync(await _visitor.OpenPageAsync("/"), "accept-all")).Dispose();
        var before = await _visitor.GetConsentAsync();
        var page = await _visitor.OpenPreferencesAsync(await _visitor.OpenPageAsync("/pricing?plan=pro"));
        var checkbox = Page.CategoryCheckbox(page, "analytics");
        Assert.True(checkbox.IsChecked);
        checkbox.IsChecked = false;

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "save");
        var after = await _visitor.GetConsentAsync("analytics");

        // Assert: back to the page the visitor came from, without the preferences open
        Assert.Equal("/pricing?plan=pro", response.Headers.Location?.OriginalString);
        Assert.Equal(before.ConsentId, after.ConsentId);
        Assert.False(after.IsGranted["analytics"]);
    }

    [Fact]
    public async Task Decision_TwoVisitors_DifferentConsentIds()
    {
        // Arrange
        using var other = _site.CreateVisitor();

        // Act
        (await _visitor.SubmitBannerAsync(await _visitor.OpenPageAsync("/"), "accept-all")).Dispose();
        (await other.SubmitBannerAsync(await other.OpenPageAsync("/"), "accept-all")).Dispose();

        // Assert
        var first = (await _visitor.GetConsentAsync()).ConsentId;
        var second = (await other.GetConsentAsync()).ConsentId;
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task SaveJson_AnalyticsGranted_ReturnsStateAsJsonAndWritesCookie()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");

        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", Page.AntiforgeryToken(page));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var state = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(state.GetProperty("decided").GetBoolean());
        Assert.False(string.IsNullOrEmpty(state.GetProperty("consentId").GetString()));
        Assert.Equal(1, state.GetProperty("revision").GetInt32());
        Assert.Equal(ManualClock.Start, state.GetProperty("decidedAt").GetDateTimeOffset());
        // The categories, then the services of granted categories that offer a choice per service (analytics has two).
        Assert.Equal(["necessary", "analytics", "hotjar", "parcelwise-analytics"], state.GetProperty("granted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(_site.OptionalCategoryKeys.Except(["analytics"]), state.GetProperty("denied").EnumerateArray().Select(e => e.GetString()));
        var cookie = response.GetSetCookie(Visitor.ConsentCookie);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal(SixMonths, cookie.MaxAge);
        var consent = await _visitor.GetConsentAsync();
        Assert.Equal(state.GetProperty("consentId").GetString(), consent.ConsentId);
        Assert.True(Page.IsLive(Page.AnalyticsScript(await _visitor.OpenPageAsync("/"))));
    }

    [Fact]
    public async Task RejectAllJson_AfterAcceptAll_ReportsDeniedAndKeepsConsentId()
    {
        // Arrange
        var token = Page.AntiforgeryToken(await _visitor.OpenPageAsync("/"));
        using var accepted = await _visitor.PostJsonAsync("""{"action":"accept-all"}""", token);
        var acceptedState = await accepted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        // Act
        using var rejected = await _visitor.PostJsonAsync("""{"action":"reject-all"}""", token);
        var rejectedState = await rejected.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal([.. _site.CategoryKeys, "hotjar", "parcelwise-analytics"], acceptedState.GetProperty("granted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["necessary"], rejectedState.GetProperty("granted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(_site.OptionalCategoryKeys, rejectedState.GetProperty("denied").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(acceptedState.GetProperty("consentId").GetString(), rejectedState.GetProperty("consentId").GetString());
        Assert.True(Page.IsInert(Page.AnalyticsScript(await _visitor.OpenPageAsync("/")), "hotjar"));
    }

    [Fact]
    public async Task AcceptAll_FormPostAcceptingJson_ReturnsJsonInsteadOfRedirect()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/pricing");

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "accept-all", request => request.Headers.Accept.ParseAdd("application/json"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var state = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal([.. _site.CategoryKeys, "hotjar", "parcelwise-analytics"], state.GetProperty("granted").EnumerateArray().Select(e => e.GetString()));
        Assert.NotNull(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task AcceptAll_OverHttps_CookieIsSecure()
    {
        // Arrange
        using var visitor = _site.CreateVisitor(new Uri("https://localhost"));
        var page = await visitor.OpenPageAsync("/");

        // Act
        using var response = await visitor.SubmitBannerAsync(page, "accept-all");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var cookie = response.GetSetCookie(Visitor.ConsentCookie);
        Assert.NotNull(cookie);
        Assert.True(cookie.Secure);
    }

    [Fact]
    public async Task Page_UndecidedVisitor_SetsNoConsentCookie()
    {
        // Act
        using var response = await _visitor.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }
}
