using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsentKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Tests;

/// <summary>
/// Endpoints that track run only with consent: <c>.RequireConsent("…")</c> on minimal APIs and route groups,
/// <c>[RequiresConsent("…")]</c> on MVC actions, controllers and Razor Pages. Without consent the handler
/// does not run and the answer is 403 problem details (or 204 when asked), never cached.
/// </summary>
public sealed class EndpointConsentTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequireConsent_Undecided_HandlerNotRunAndForbiddenProblem()
    {
        // Arrange
        await using var site = await StartMinimalApiSiteAsync();
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/beacon"));

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("'analytics'", problem.GetProperty("detail").GetString());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(0, Runs(site));
    }

    [Fact]
    public async Task RequireConsent_CategoryGranted_HandlerRuns()
    {
        // Arrange
        await using var site = await StartMinimalApiSiteAsync();
        using var visitor = site.CreateVisitor();
        await DecideAsync(visitor, """{"action":"save","categories":["analytics"]}""");

        // Act
        using var response = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/beacon"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("run 1", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, Runs(site));
    }

    [Fact]
    public async Task RequireConsent_OnlyAnotherCategoryGranted_HandlerNotRun()
    {
        // Arrange
        await using var site = await StartMinimalApiSiteAsync();
        using var visitor = site.CreateVisitor();
        await DecideAsync(visitor, """{"action":"save","categories":["marketing"]}""");

        // Act
        using var response = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/beacon"));

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, Runs(site));
    }

    [Fact]
    public async Task RequireConsent_NoContentAsked_Answers204WithoutBody()
    {
        // Arrange
        await using var site = await StartMinimalApiSiteAsync();
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/pixel"));

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(0, Runs(site));
    }

    [Fact]
    public async Task RequireConsent_RouteGroupUndecided_NoEndpointOfTheGroupRuns()
    {
        // Arrange
        await using var site = await StartMinimalApiSiteAsync();
        using var visitor = site.CreateVisitor();

        // Act
        using var first = await visitor.GetAsync("/ads/offers");
        using var second = await visitor.GetAsync("/ads/retarget");

        // Assert
        await first.AssertProblemAsync(HttpStatusCode.Forbidden);
        await second.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, Runs(site));
    }

    [Fact]
    public async Task RequireConsent_RouteGroupGranted_EveryEndpointRuns()
    {
        // Arrange
        await using var site = await StartMinimalApiSiteAsync();
        using var visitor = site.CreateVisitor();
        await DecideAsync(visitor, """{"action":"accept-all"}""");

        // Act
        using var first = await visitor.GetAsync("/ads/offers");
        using var second = await visitor.GetAsync("/ads/retarget");

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, Runs(site));
    }

    [Fact]
    public async Task RequireConsent_Endpoint_CarriesRequiresConsentMetadata()
    {
        // Arrange
        await using var site = await StartMinimalApiSiteAsync();

        // Act
        var endpoints = site.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();

        // Assert
        var pixel = endpoints.Single(e => e.RoutePattern.RawText == "/pixel").Metadata.GetMetadata<RequiresConsentAttribute>();
        Assert.Equal(("analytics", 204), (pixel?.Category, pixel?.StatusCode));
        var offers = endpoints.Single(e => e.RoutePattern.RawText == "/ads/offers").Metadata.GetMetadata<RequiresConsentAttribute>();
        Assert.Equal(("marketing", 403), (offers?.Category, offers?.StatusCode));
    }

    [Fact]
    public async Task RequiresConsentAttribute_MvcActionUndecided_ActionNotRunAndForbiddenProblem()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/mvc/beacon"));

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("'analytics'", problem.GetProperty("detail").GetString());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(0, Runs(site));
    }

    [Fact]
    public async Task RequiresConsentAttribute_MvcActionGranted_ActionRuns()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        await DecideAsync(visitor, """{"action":"save","categories":["analytics"]}""");

        // Act
        using var response = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/mvc/beacon"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("run").GetInt32());
    }

    [Fact]
    public async Task RequiresConsentAttribute_MvcActionAsking204_NoContent()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        await DecideAsync(visitor, """{"action":"save","categories":["analytics"]}""");

        // Act
        using var response = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/mvc/pixel"));

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(0, Runs(site));
    }

    [Fact]
    public async Task RequiresConsentAttribute_OnController_GatesItsActionsOnly()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        using var gated = await visitor.GetAsync("/mvc/ads");
        using var open = await visitor.GetAsync("/mvc/open");

        // Assert
        await gated.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(1, Runs(site));
    }

    [Fact]
    public async Task RequiresConsentAttribute_RazorPageUndecided_HandlerNotRun()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/Track");

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, Runs(site));
    }

    [Fact]
    public async Task RequiresConsentAttribute_RazorPageGranted_PageRendered()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();
        await DecideAsync(visitor, """{"action":"accept-all"}""");

        // Act
        using var response = await visitor.GetAsync("/Track");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tracked 1", (await response.Content.ReadAsStringAsync(Cancel)).Trim());
    }

    [Fact]
    public async Task SampleTrack_Undecided_Forbidden()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/track"));

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SampleTrack_AfterAcceptAll_TracksTheVisitorCookie()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/"), "accept-all")).Dispose();
        (await visitor.GetAsync("/pricing")).Dispose(); // the page that sets sample_visitor

        // Act
        using var response = await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/track"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tracked = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("tracked").GetString();
        Assert.NotNull(tracked);
        Assert.Equal(visitor.Cookies["sample_visitor"], tracked);
    }

    private static int Runs(TestSite site) => site.App.Services.GetRequiredService<RenderCounter>().Count;

    private static async Task DecideAsync(Visitor visitor, string json)
    {
        var token = await visitor.GetAntiforgeryTokenAsync();
        using var response = await visitor.PostJsonAsync(json, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // POST /beacon needs analytics; POST /pixel needs analytics and answers 204; the group /ads needs marketing.
    private static Task<TestSite> StartMinimalApiSiteAsync() =>
        TestSite.StartAsync(
            TestSite.ThreeCategories(),
            services => services.AddSingleton<RenderCounter>(),
            app =>
            {
                var runs = app.Services.GetRequiredService<RenderCounter>();
                app.UseConsentKit();
                app.UseTestEndpoints();
                app.MapPost("/beacon", () => $"run {runs.Next()}").RequireConsent("analytics");
                app.MapPost("/pixel", () => $"run {runs.Next()}").RequireConsent("analytics", StatusCodes.Status204NoContent);
                var ads = app.MapGroup("/ads").RequireConsent("marketing");
                ads.MapGet("/offers", () => $"run {runs.Next()}");
                ads.MapGet("/retarget", () => $"run {runs.Next()}");
                app.MapConsentKit();
            });
}
