using System.Net;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// The sample's first-party analytics cookie, <c>sample_visitor</c>, set by every page without any consent
/// check in the app: ConsentKit's gate keeps it out until analytics is granted, and a later refusal removes it.
/// YouTube's <c>VISITOR_INFO1_LIVE</c>, declared on <c>.youtube.com</c>, is expired there too.
/// </summary>
public sealed class SampleVisitorCookieTests : IAsyncLifetime
{
    private const string VisitorCookie = "sample_visitor";

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
    public async Task Page_BeforeConsent_NoVisitorCookie()
    {
        // Act
        using var first = await _visitor.GetAsync("/");
        using var second = await _visitor.GetAsync("/pricing");

        // Assert
        Assert.Null(first.GetSetCookie(VisitorCookie));
        Assert.Null(second.GetSetCookie(VisitorCookie));
        Assert.Null(_visitor.Cookies[VisitorCookie]);
    }

    [Fact]
    public async Task Page_AfterAcceptAll_VisitorCookieSet()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");
        (await _visitor.SubmitBannerAsync(page, "accept-all")).Dispose();

        // Act
        using var response = await _visitor.GetAsync("/pricing");

        // Assert
        var cookie = response.GetSetCookie(VisitorCookie);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(TimeSpan.FromDays(365), cookie.MaxAge);
        Assert.NotNull(_visitor.Cookies[VisitorCookie]);
    }

    [Fact]
    public async Task Page_AfterSavingMarketingOnly_NoVisitorCookie()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");
        Page.CategoryCheckbox(page, "marketing").IsChecked = true;
        (await _visitor.SubmitBannerAsync(page, "save")).Dispose();

        // Act
        using var response = await _visitor.GetAsync("/pricing");

        // Assert
        Assert.Null(response.GetSetCookie(VisitorCookie));
    }

    [Fact]
    public async Task RejectAll_AfterAcceptAll_VisitorCookieExpiredAndNotSetAgain()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");
        (await _visitor.SubmitBannerAsync(page, "accept-all")).Dispose();
        page = await _visitor.OpenPageAsync("/pricing");
        Assert.NotNull(_visitor.Cookies[VisitorCookie]);

        // Act
        using var reject = await _visitor.SubmitBannerAsync(page, "reject-all");
        using var next = await _visitor.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, reject.StatusCode);
        var expired = reject.GetSetCookie(VisitorCookie);
        Assert.NotNull(expired);
        Assert.Equal(DateTimeOffset.UnixEpoch, expired.Expires);
        Assert.Equal("/", expired.Path.ToString());
        Assert.Null(_visitor.Cookies[VisitorCookie]);
        Assert.Null(next.GetSetCookie(VisitorCookie));
    }

    [Fact]
    public async Task RejectAll_YouTubeCookieCarried_ExpiredOnHostAndOnYouTubeDomain()
    {
        // Arrange
        var page = await _visitor.OpenPageAsync("/");
        _visitor.Cookies["VISITOR_INFO1_LIVE"] = "x";

        // Act
        using var response = await _visitor.SubmitBannerAsync(page, "reject-all");

        // Assert
        Assert.Equal(
            [
                "VISITOR_INFO1_LIVE=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/",
                "VISITOR_INFO1_LIVE=; expires=Thu, 01 Jan 1970 00:00:00 GMT; domain=.youtube.com; path=/",
            ],
            response.SetCookieHeaders().Where(h => h.StartsWith("VISITOR_INFO1_LIVE=", StringComparison.Ordinal)));
    }
}
