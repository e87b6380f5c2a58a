using AngleSharp.Dom;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// <c>&lt;consent-cookie-table /&gt;</c>: one row per declared cookie, from the same configuration as the
/// banner, with its category's title and the service's provider and purpose where the cookie gives none.
/// </summary>
public sealed class ConsentCookieTableTests
{
    [Fact]
    public async Task CookieTable_SamplePrivacyPage_EveryDeclaredCookieInCategoryOrder()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/privacy");

        // Assert
        var table = page.QuerySelector("table.ck-cookie-table")!;
        Assert.Equal("en", table.GetAttribute("lang"));
        Assert.Equal(["Category", "Cookie", "Service", "Provider", "Purpose", "Lifetime"], table.QuerySelectorAll("thead th[scope=col]").Select(th => th.TextContent));
        Assert.Equal(
            [
                ["Necessary", "crisp-client%2Fsession%2F*", "Crisp", "Crisp IM SAS", "Restores the chat session", "6 months, renewed on each visit"],
                ["Analytics", "_hjSessionUser_*", "Hotjar", "Hotjar Ltd", "Recognises a returning visitor", "1 year"],
                ["Analytics", "_hjSession_*", "Hotjar", "Hotjar Ltd", "Holds the current visit's data", "30 minutes"],
                ["Analytics", "sample_visitor", "Parcelwise analytics", "Parcelwise Ltd", "Recognises a returning visitor in our own statistics", "1 year"],
                ["Marketing and media", "VISITOR_INFO1_LIVE", "YouTube", "Google Ireland Ltd", "Estimates bandwidth and tracks viewing", "6 months"],
            ],
            Rows(table));
    }

    [Fact]
    public async Task CookieTable_CookieWithoutProviderOrPurpose_ServiceValuesUsed()
    {
        // Arrange: _hjSession_* gives nothing of its own, _hjid gives everything; Ads declares no cookie
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Categories:1:Title"] = "Statistics";
        settings["ConsentKit:Services:1:Provider"] = "Hotjar Ltd";
        settings["ConsentKit:Services:1:Purpose"] = "Heatmaps";
        settings["ConsentKit:Services:1:Cookies:1:Name"] = "_hjid";
        settings["ConsentKit:Services:1:Cookies:1:Provider"] = "Hotjar EU";
        settings["ConsentKit:Services:1:Cookies:1:Purpose"] = "Visitor id";
        settings["ConsentKit:Services:1:Cookies:1:Lifetime"] = "1 year";
        await using var site = await TestSite.StartWithPagesAsync(settings);
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/CookieTable");

        // Assert
        Assert.Equal(
            [
                ["Statistics", "_hjSession_*", "Hotjar", "Hotjar Ltd", "Heatmaps", ""],
                ["Statistics", "_hjid", "Hotjar", "Hotjar EU", "Visitor id", "1 year"],
            ],
            Rows(page.QuerySelector("table.ck-cookie-table")!));
    }

    [Fact]
    public async Task CookieTable_CategoryWithoutTitle_KeyShown()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/CookieTable");

        // Assert
        Assert.Equal([["analytics", "_hjSession_*", "Hotjar", "", "", ""]], Rows(page.QuerySelector("table.ck-cookie-table")!));
    }

    private static string[][] Rows(IElement table) =>
        table.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToArray();
}
