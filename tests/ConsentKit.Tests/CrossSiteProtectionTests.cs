using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// Only a page of the site itself can record a decision: cross-site posts (by Origin or Sec-Fetch-Site)
/// are refused with 403 problem details and write no cookie; so are posts of browsers without Fetch
/// Metadata (no Sec-Fetch-Site) that lack a valid antiforgery token.
/// </summary>
public sealed class CrossSiteProtectionTests : IAsyncLifetime
{
    private readonly SampleSite _site = new();
    private Visitor _visitor = null!;
    private IHtmlDocument _page = null!;

    public async ValueTask InitializeAsync()
    {
        _visitor = _site.CreateVisitor();
        _page = await _visitor.OpenPageAsync("/"); // a genuine token and antiforgery cookie
    }

    public async ValueTask DisposeAsync()
    {
        _visitor.Dispose();
        await _site.DisposeAsync();
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("http://localhost.evil.example", null)]
    [InlineData("http://localhost:8080", null)]
    [InlineData("https://localhost", null)]
    [InlineData("null", null)]
    [InlineData("not a url", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    [InlineData("http://localhost", "cross-site")]
    public async Task AcceptAll_CrossSiteFormPost_ForbiddenWithoutCookie(string? origin, string? fetchSite)
    {
        // Act: a valid token and cookie, so only the origin check can refuse it
        using var response = await _visitor.SubmitBannerAsync(_page, "accept-all", request => SetOriginHeaders(request, origin, fetchSite));

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("this site", problem.GetProperty("detail").GetString());
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.Null(response.Headers.Location);
        Assert.False((await _visitor.GetConsentAsync()).HasDecided);
    }

    [Fact]
    public async Task AcceptAll_CrossSiteJsonPost_ForbiddenWithoutCookie()
    {
        // Act
        using var response = await _visitor.PostJsonAsync(
            """{"action":"accept-all"}""",
            Page.AntiforgeryToken(_page),
            request => SetOriginHeaders(request, "https://evil.example", "cross-site"));

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("http://localhost", "same-origin")]
    [InlineData("http://LOCALHOST", null)]
    [InlineData("http://localhost:80", "none")]
    [InlineData(null, null)]
    public async Task AcceptAll_SameOriginOrHeaderlessPost_Accepted(string? origin, string? fetchSite)
    {
        // Act: the control for the cross-site cases (no headers at all: a non-browser client, still bound by antiforgery)
        using var response = await _visitor.SubmitBannerAsync(_page, "accept-all", request => SetOriginHeaders(request, origin, fetchSite));

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.NotNull(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task AcceptAll_FormWithoutToken_Forbidden()
    {
        // Arrange
        Page.BannerForm(_page).QuerySelector("input[name=__RequestVerificationToken]")!.Remove();

        // Act
        using var response = await _visitor.SubmitBannerAsync(_page, "accept-all", WithoutFetchMetadata);

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("antiforgery", problem.GetProperty("detail").GetString());
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.False((await _visitor.GetConsentAsync()).HasDecided);
    }

    [Fact]
    public async Task AcceptAll_FormWithForgedToken_Forbidden()
    {
        // Arrange
        Page.BannerForm(_page).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value = "CfDJ8-forged-token";

        // Act
        using var response = await _visitor.SubmitBannerAsync(_page, "accept-all", WithoutFetchMetadata);

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task AcceptAll_TokenWithoutAntiforgeryCookie_Forbidden()
    {
        // Arrange: the page was fetched elsewhere; this browser has the token but never got the cookie
        _visitor.Cookies.Names.Where(n => n.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).ToList()
            .ForEach(name => _visitor.Cookies[name] = null);

        // Act
        using var response = await _visitor.SubmitBannerAsync(_page, "accept-all", WithoutFetchMetadata);

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task AcceptAll_TokenOfAnotherVisitor_Forbidden()
    {
        // Arrange: an attacker's own genuine token, planted in the victim's post
        using var attacker = _site.CreateVisitor();
        var attackersToken = Page.AntiforgeryToken(await attacker.OpenPageAsync("/"));
        Page.BannerForm(_page).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value = attackersToken;

        // Act
        using var response = await _visitor.SubmitBannerAsync(_page, "accept-all", WithoutFetchMetadata);

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task SaveJson_WithoutTokenHeader_Forbidden()
    {
        // Act
        using var response = await _visitor.PostJsonAsync("""{"action":"save","categories":["analytics"]}""", antiforgeryToken: null, WithoutFetchMetadata);

        // Assert
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("antiforgery", problem.GetProperty("detail").GetString());
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task SaveJson_TokenInBodyInsteadOfHeader_Forbidden()
    {
        // Act: a JSON body is no form: the token must come in the RequestVerificationToken header
        using var response = await _visitor.PostJsonAsync(
            $$"""{"action":"accept-all","__RequestVerificationToken":"{{Page.AntiforgeryToken(_page)}}"}""",
            antiforgeryToken: null,
            WithoutFetchMetadata);

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    [Fact]
    public async Task Banner_PageRequestedWithFetchMetadata_HasNoTokenAndSetsNoAntiforgeryCookie()
    {
        // Arrange
        using var browser = _site.CreateVisitor();

        // Act
        var page = await browser.OpenPageAsync("/", fetchMetadata: true);

        // Assert: nothing secret in the HTML and nothing stored before the visitor chooses
        Assert.Null(Page.BannerForm(page).QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.DoesNotContain(browser.Cookies.Names, name => name.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AcceptAll_FetchMetadataSameOriginWithoutToken_Accepted()
    {
        // Arrange
        using var browser = _site.CreateVisitor();
        var page = await browser.OpenPageAsync("/pricing", fetchMetadata: true);

        // Act
        using var response = await browser.SubmitBannerAsync(page, "accept-all");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.NotNull(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.True((await browser.GetConsentAsync()).HasDecided);
    }

    [Fact]
    public async Task AcceptAll_FetchMetadataButAntiforgeryAlwaysRequired_Forbidden()
    {
        // Arrange
        await using var strict = new SampleSite(new Dictionary<string, string?> { ["ConsentKit:AlwaysRequireAntiforgeryToken"] = "true" });
        using var browser = strict.CreateVisitor();
        var page = await browser.OpenPageAsync("/", fetchMetadata: true);
        Page.BannerForm(page).QuerySelector("input[name=__RequestVerificationToken]")!.Remove();

        // Act
        using var response = await browser.SubmitBannerAsync(page, "accept-all");

        // Assert
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(response.GetSetCookie(Visitor.ConsentCookie));
    }

    // An older browser: it sends Origin but no Fetch Metadata, so only the antiforgery token proves the post.
    private static void WithoutFetchMetadata(HttpRequestMessage request) => request.Headers.Remove("Sec-Fetch-Site");

    private static void SetOriginHeaders(HttpRequestMessage request, string? origin, string? fetchSite)
    {
        request.Headers.Remove("Origin");
        request.Headers.Remove("Sec-Fetch-Site");
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }
    }
}
