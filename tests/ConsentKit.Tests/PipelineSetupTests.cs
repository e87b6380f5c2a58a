using System.Net;
using ConsentKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SameSiteMode = Microsoft.Net.Http.Headers.SameSiteMode;

namespace ConsentKit.Tests;

/// <summary>
/// How an application wires ConsentKit: a missing AddConsentKit() or UseConsentKit() is a clear error,
/// and the endpoint path and cookie settings of the configuration are the ones used on the wire.
/// </summary>
public sealed class PipelineSetupTests
{
    [Fact]
    public async Task UseConsentKit_WithoutAddConsentKit_ThrowsSayingWhatToAdd()
    {
        // Arrange
        var builder = TestSite.CreateBuilder(TestSite.ThreeCategories());
        await using var app = builder.Build();

        // Act
        var exception = Assert.Throws<InvalidOperationException>(() => app.UseConsentKit());

        // Assert
        Assert.Contains("builder.Services.AddConsentKit()", exception.Message);
    }

    [Fact]
    public async Task MapConsentKit_WithoutAddConsentKit_ThrowsSayingWhatToAdd()
    {
        // Arrange
        var builder = TestSite.CreateBuilder(TestSite.ThreeCategories());
        await using var app = builder.Build();

        // Act
        var exception = Assert.Throws<InvalidOperationException>(() => app.MapConsentKit());

        // Assert
        Assert.Contains("builder.Services.AddConsentKit()", exception.Message);
    }

    [Fact]
    public async Task GetConsent_WithoutUseConsentKit_ThrowsSayingWhatToAdd()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(
            TestSite.ThreeCategories(),
            configurePipeline: app => app.MapGet("/", (HttpContext context) => context.GetConsent().HasDecided));
        using var visitor = site.CreateVisitor();

        // Act
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => visitor.GetAsync("/"));

        // Assert
        Assert.Contains("app.UseConsentKit()", exception.Message);
    }

    [Fact]
    public void GetConsent_NullContext_ThrowsArgumentNullException()
    {
        // Act, Assert
        Assert.Throws<ArgumentNullException>(() => ConsentHttpContextExtensions.GetConsent(null!));
    }

    [Fact]
    public async Task MapConsentKit_WithoutUseConsentKit_StillRecordsDecisions()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(
            TestSite.ThreeCategories(),
            configurePipeline: app =>
            {
                app.UseTestEndpoints(); // only for its antiforgery token
                app.MapConsentKit();
            });
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        using var response = await visitor.PostJsonAsync("""{"action":"accept-all"}""", token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task MapConsentKit_CustomEndpointPath_ServedThereOnly()
    {
        // Arrange
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:EndpointPath"] = "/privacy/consent";
        await using var site = await TestSite.StartAsync(settings);
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        using var atDefault = await visitor.PostJsonAsync("""{"action":"accept-all"}""", token);
        using var atCustom = await visitor.PostJsonAsync(
            """{"action":"accept-all"}""",
            token,
            request => request.RequestUri = new Uri("/privacy/consent", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, atDefault.StatusCode);
        Assert.Equal(HttpStatusCode.OK, atCustom.StatusCode);
        Assert.True((await visitor.GetConsentAsync()).HasDecided);
    }

    [Fact]
    public async Task Decision_CustomCookieSettings_CookieWrittenAndReadAsConfigured()
    {
        // Arrange
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Cookie:Name"] = "site-consent";
        settings["ConsentKit:Cookie:Lifetime"] = "30.00:00:00";
        settings["ConsentKit:Cookie:SameSite"] = "Strict";
        settings["ConsentKit:Cookie:Secure"] = "Always";
        settings["ConsentKit:Cookie:Domain"] = "localhost";
        await using var site = await TestSite.StartAsync(settings);
        using var visitor = site.CreateVisitor(new Uri("https://localhost"));
        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        using var response = await visitor.PostJsonAsync("""{"action":"save","categories":["marketing"]}""", token);
        var consent = await visitor.GetConsentAsync("analytics", "marketing");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
        var cookie = response.GetSetCookie("site-consent");
        Assert.NotNull(cookie);
        Assert.Equal(TimeSpan.FromDays(30), cookie.MaxAge);
        Assert.Equal(SameSiteMode.Strict, cookie.SameSite);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal("localhost", cookie.Domain.ToString());
        Assert.True(consent.HasDecided);
        Assert.Equal(new Dictionary<string, bool> { ["analytics"] = false, ["marketing"] = true }, consent.IsGranted);
    }

    [Fact]
    public async Task ConsentEndpoint_Get_MethodNotAllowedWithoutCookie()
    {
        // Arrange
        await using var site = await TestSite.StartAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync(Visitor.EndpointPath + "?action=accept-all");

        // Assert
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task DecisionJson_BodyOverSixteenKilobytesOnKestrel_RefusedWithoutCookie()
    {
        // Arrange: the body limit is the server's, so this runs on Kestrel (TestServer enforces none)
        await using var site = await TestSite.StartAsync(TestSite.ThreeCategories(), kestrel: true);
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();
        var padding = string.Join(',', Enumerable.Repeat("\"analytics\"", 3000));

        // Act
        using var response = await visitor.PostJsonAsync($$"""{"action":"save","categories":[{{padding}}]}""", token);

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.False((await visitor.GetConsentAsync()).HasDecided);
    }

    [Fact]
    public async Task DecisionJson_SmallBodyOnKestrel_Recorded()
    {
        // Arrange: the control for the body limit, through the same real server
        await using var site = await TestSite.StartAsync(TestSite.ThreeCategories(), kestrel: true);
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();

        // Act
        using var response = await visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await visitor.GetConsentAsync("analytics")).IsGranted["analytics"]);
    }
}
