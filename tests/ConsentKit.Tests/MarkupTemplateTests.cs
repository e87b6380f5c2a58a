using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// The banner and embed placeholders are built once per state and reused: visitors in different states, languages
/// and pages, served by the same site one after the other, each still get exactly their own markup.
/// </summary>
public sealed class MarkupTemplateTests
{
    [Fact]
    public async Task Banner_VisitorsInDifferentStatesTakingTurns_EachSeesTheirOwnState()
    {
        // Arrange: one site; an English newcomer, a French visitor who refused, a newcomer sending GPC, a visitor
        // without Fetch Metadata (an older browser, whose forms carry a token).
        await using var site = new SampleSite();
        using var newcomer = site.CreateVisitor();
        using var refuser = site.CreateVisitor();
        refuser.SendAlways("Accept-Language", "fr");
        (await refuser.SubmitBannerAsync(await refuser.OpenPageAsync("/"), "reject-all")).Dispose();
        using var gpc = site.CreateVisitor();
        gpc.SendAlways("Sec-GPC", "1");
        using var acceptor = site.CreateVisitor();
        (await acceptor.SubmitBannerAsync(await acceptor.OpenPageAsync("/"), "accept-all")).Dispose();

        for (var turn = 0; turn < 2; turn++)
        {
            // Act
            var newcomerPage = await newcomer.OpenPageAsync("/pricing", fetchMetadata: true);
            var refuserPage = await refuser.OpenPageAsync("/privacy?tab=cookies", fetchMetadata: true);
            var gpcPage = await gpc.OpenPageAsync("/", fetchMetadata: true);
            var acceptorPage = await acceptor.OpenPageAsync("/pricing");
            var refuserPreferences = await refuser.OpenPreferencesAsync(refuserPage, fetchMetadata: true);

            // Assert
            AssertBanner(newcomerPage, "undecided", "en", "/pricing", granted: "necessary", gpcNote: false, token: false);
            AssertBanner(refuserPage, "decided", "fr", "/privacy?tab=cookies", granted: "necessary", gpcNote: false, token: false);
            AssertBanner(gpcPage, "undecided", "en", "/", granted: "necessary", gpcNote: true, token: false);
            AssertBanner(acceptorPage, "decided", "en", "/pricing", granted: null, gpcNote: false, token: true);
            Assert.Contains("analytics", Page.Banner(acceptorPage).GetAttribute("data-granted")!.Split(' '));
            AssertBanner(refuserPreferences, "decided", "fr", "/privacy?tab=cookies", granted: "necessary", gpcNote: false, token: false);
            Assert.Equal("/privacy?tab=cookies&consentkit=preferences#ck-prefs", Page.PreferencesLink(refuserPage).GetAttribute("href"));
            Assert.Equal("/pricing?consentkit=preferences#ck-prefs", Page.PreferencesLink(acceptorPage).GetAttribute("href"));
            Assert.False(Page.HasPreferences(refuserPage));
            Assert.True(Page.HasPreferences(refuserPreferences));
            Assert.True(Page.HasPreferences(newcomerPage));
            Assert.NotNull(Page.Banner(refuserPreferences).QuerySelector("a[href$='/records']")); // decided: the rights links
            Assert.Null(Page.Banner(newcomerPage).QuerySelector("a[href$='/records']"));
        }
    }

    [Fact]
    public async Task Placeholder_TwoLanguagesAndPagesTakingTurns_EachInItsOwnLanguageReturningToItsOwnPage()
    {
        // Arrange
        await using var site = new SampleSite();
        using var english = site.CreateVisitor();
        using var french = site.CreateVisitor();
        french.SendAlways("Accept-Language", "fr");

        for (var turn = 0; turn < 2; turn++)
        {
            // Act
            var englishPage = await english.OpenPageAsync("/?from=en", fetchMetadata: true);
            var frenchPage = await french.OpenPageAsync("/?from=fr");

            // Assert: each placeholder speaks its visitor's language and returns to its own page.
            var englishPlaceholder = englishPage.QuerySelector("[data-consent-placeholder=marketing]")!;
            var frenchPlaceholder = frenchPage.QuerySelector("[data-consent-placeholder=marketing]")!;
            Assert.NotEqual(englishPlaceholder.TextContent, frenchPlaceholder.TextContent);
            Assert.Contains("YouTube", englishPlaceholder.TextContent, StringComparison.Ordinal);
            Assert.Contains("YouTube", frenchPlaceholder.TextContent, StringComparison.Ordinal);
            Assert.Equal("/?from=en", englishPlaceholder.QuerySelector<IHtmlInputElement>("input[name=returnUrl]")!.Value);
            Assert.Equal("/?from=fr", frenchPlaceholder.QuerySelector<IHtmlInputElement>("input[name=returnUrl]")!.Value);
            Assert.Null(englishPlaceholder.QuerySelector("input[name=__RequestVerificationToken]")); // Fetch Metadata instead
            Assert.NotNull(frenchPlaceholder.QuerySelector("input[name=__RequestVerificationToken]")); // an older browser
        }
    }

    private static void AssertBanner(IHtmlDocument page, string state, string language, string returnUrl, string? granted, bool gpcNote, bool token)
    {
        var banner = Page.Banner(page);
        Assert.Equal(state, banner.GetAttribute("data-state"));
        Assert.Equal(language, banner.GetAttribute("lang"));
        if (granted is not null)
        {
            Assert.Equal(granted, banner.GetAttribute("data-granted"));
        }

        Assert.Equal(returnUrl, Page.BannerForm(page).QuerySelector<IHtmlInputElement>("input[name=returnUrl]")!.Value);
        Assert.Equal(gpcNote, banner.QuerySelector(".ck-gpc") is not null);
        Assert.Equal(token, Page.BannerForm(page).QuerySelector("input[name=__RequestVerificationToken]") is not null);
    }
}
