using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>After a form post the endpoint returns the visitor to the page they came from, and never to another site.</summary>
public sealed class ReturnUrlTests : IAsyncLifetime
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

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("http://localhost/pricing")]
    [InlineData("//evil.example")]
    [InlineData("///evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("~/pricing")]
    [InlineData("/pricing\r\nSet-Cookie: injected=1")]
    [InlineData("/\tevil.example")]
    [InlineData("")]
    [InlineData(" ")]
    public async Task AcceptAll_ReturnUrlNotLocal_RedirectsToRoot(string returnUrl)
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/pricing");
        SetReturnUrl(page, returnUrl);

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "accept-all");

        // Assert: the decision is still recorded; only the destination is replaced
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.GetSetCookie(Visitor.ConsentCookie));
        Assert.Null(response.GetSetCookie("injected"));
    }

    [Fact]
    public async Task AcceptAll_ReturnUrlMissing_RedirectsToRoot()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/pricing");
        Page.BannerForm(page).QuerySelector("input[name=returnUrl]")!.Remove();

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "reject-all");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/pricing?x=1")]
    [InlineData("/privacy#cookies")]
    [InlineData("/")]
    [InlineData("/pricing?next=https%3A%2F%2Fevil.example")]
    public async Task AcceptAll_LocalReturnUrl_RedirectsThere(string returnUrl)
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");
        SetReturnUrl(page, returnUrl);

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "accept-all");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(returnUrl, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AcceptAll_FromPageWithQuery_ReturnsToThatPageAndQuery()
    {
        // Arrange: the banner itself fills in the page the visitor is on
        var page = await _visitor.OpenPageAsync("/pricing?plan=growth&currency=eur");

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "save");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/pricing?plan=growth&currency=eur", response.Headers.Location?.OriginalString);
    }

    private static void SetReturnUrl(IHtmlDocument page, string returnUrl) =>
        Page.BannerForm(page).QuerySelector<IHtmlInputElement>("input[name=returnUrl]")!.Value = returnUrl;
}
