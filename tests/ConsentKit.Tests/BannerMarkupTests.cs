using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Configuration;
using ConsentKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.Tests;

/// <summary>
/// What ConsentKit's markup is made of, whatever the page: the layout and theme classes, the "Cookie settings"
/// link, the CSP nonce on every script and stylesheet it emits, and no inline style or event handler anywhere.
/// </summary>
public sealed class BannerMarkupTests
{
    [Theory]
    [InlineData(null, null, "ck ck-bar")]
    [InlineData("Bar", "Auto", "ck ck-bar")]
    [InlineData("Box", "Light", "ck ck-box ck-light")]
    [InlineData("Modal", "Dark", "ck ck-modal ck-dark")]
    [InlineData("Bar", "Dark", "ck ck-bar ck-dark")]
    public async Task Banner_Appearance_LayoutAndThemeClasses(string? layout, string? theme, string classes)
    {
        // Arrange
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Appearance:Layout"] = layout;
        settings["ConsentKit:Appearance:Theme"] = theme;
        await using var site = await TestSite.StartWithPagesAsync(settings);
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/Banner");

        // Assert
        Assert.Equal(classes, Page.Banner(page).GetAttribute("class"));
    }

    [Fact]
    public async Task SettingsLink_Decided_LinksToThePageWithThePreferencesOpen()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/"), "reject-all")).Dispose();

        // Act
        var page = await visitor.OpenPageAsync("/privacy");
        using var preferencesResponse = await visitor.GetAsync("/privacy?consentkit=preferences");
        var preferences = await visitor.ParsePageAsync(preferencesResponse, "/privacy?consentkit=preferences");

        // Assert: pages after the decision carry the first layer only; every control leads to the preferences
        var links = page.QuerySelectorAll<IHtmlAnchorElement>("a[data-consent-action=settings]").ToArray();
        Assert.Equal(2, links.Length); // in the page and in the footer
        Assert.All(links, link =>
        {
            Assert.Equal("/privacy?consentkit=preferences#ck-prefs", link.GetAttribute("href"));
            Assert.Equal("nofollow", link.GetAttribute("rel"));
            Assert.Equal("Cookie settings", link.TextContent);
        });
        Assert.Equal("/privacy?consentkit=preferences#ck-prefs", Page.PreferencesLink(page).GetAttribute("href"));
        Assert.Equal("nofollow", Page.PreferencesLink(page).GetAttribute("rel"));
        Assert.Equal("Customize", Page.PreferencesLink(page).TextContent);
        Assert.False(Page.HasPreferences(page));
        Assert.False(Page.BannerIsOpen(page));

        // ... which open, in place, without a script
        Assert.True(Page.BannerIsOpen(preferences));
        Assert.True(Page.Banner(preferences).QuerySelector("details.ck-customize")!.HasAttribute("open"));
        Assert.Equal("ck-prefs", Page.Banner(preferences).QuerySelector("details.ck-customize[open] > .ck-prefs")?.Id);
        Assert.Equal("/privacy", Page.BannerForm(preferences).QuerySelector<IHtmlInputElement>("input[name=returnUrl]")!.Value);
        Assert.Equal("decided", Page.BannerState(preferences));
        Assert.Equal(["noindex"], preferencesResponse.Headers.GetValues("X-Robots-Tag")); // the same page again, for search engines
    }

    [Fact]
    public async Task Banner_Undecided_CarriesThePreferencesClosed()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/pricing?plan=pro");

        // Assert: a first visit needs no second request to customize, and the footer link points into the page: crawlers,
        // which never decide, see no second URL of each page
        Assert.True(Page.HasPreferences(page));
        Assert.False(Page.Banner(page).QuerySelector("details.ck-customize")!.HasAttribute("open"));
        Assert.Empty(Page.Banner(page).QuerySelectorAll("a[data-consent-action=preferences]"));
        Assert.Equal("#ck-prefs", page.QuerySelector("footer a[data-consent-action=settings]")!.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("a[href*='consentkit=preferences']"));
    }

    [Fact]
    public async Task Nonce_SampleCspMiddleware_TheResponsesNonceOnEveryScriptAndStylesheetOfConsentKit()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        using var response = await visitor.GetAsync("/");
        var page = await visitor.ParsePageAsync(response, "/");

        // Assert
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        var nonce = policy[(policy.IndexOf("'nonce-", StringComparison.Ordinal) + 7)..policy.IndexOf('\'', policy.IndexOf("'nonce-", StringComparison.Ordinal) + 7)];
        Assert.NotEmpty(nonce);
        Assert.Equal(4, ConsentKitScriptsAndStyles(page).Count); // stylesheet (head, and once more by the video placeholder), consent mode, client script
        Assert.All(ConsentKitScriptsAndStyles(page), e => Assert.Equal(nonce, e.GetAttribute("nonce")));
    }

    [Fact]
    public async Task Nonce_NonceProvider_OnEveryScriptAndStylesheetOfConsentKit()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(
            TestSite.ThreeCategories(),
            services => services.Configure<ConsentKitOptions>(options => options.ContentSecurityPolicy.NonceProvider = _ => "r4nd0m"));
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/Banner");

        // Assert
        Assert.Equal(3, ConsentKitScriptsAndStyles(page).Count);
        Assert.All(ConsentKitScriptsAndStyles(page), e => Assert.Equal("r4nd0m", e.GetAttribute("nonce")));
    }

    [Fact]
    public async Task Nonce_NotConfigured_NoNonceAttribute()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/Banner");

        // Assert
        Assert.Equal(3, ConsentKitScriptsAndStyles(page).Count);
        Assert.All(ConsentKitScriptsAndStyles(page), e => Assert.False(e.HasAttribute("nonce")));
    }

    [Theory]
    [InlineData("/", false)]
    [InlineData("/", true)]
    [InlineData("/privacy", false)]
    [InlineData("/privacy", true)]
    public async Task Markup_Sample_NoInlineStyleOrEventHandler(string path, bool decided)
    {
        // Arrange
        await using var site = new SampleSite(new Dictionary<string, string?> { ["ConsentKit:Appearance:Layout"] = "Modal", ["ConsentKit:Appearance:Theme"] = "Dark" });
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Sec-GPC", "1");
        if (decided)
        {
            (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/"), "reject-all")).Dispose();
        }

        // Act
        var page = await visitor.OpenPageAsync(path);

        // Assert
        var markup = ConsentKitMarkup(page);
        Assert.True(markup.Count > 20, "the test must look at ConsentKit's markup");
        Assert.Empty(markup.SelectMany(e => e.Attributes).Where(a => a.Name == "style" || a.Name.StartsWith("on", StringComparison.Ordinal)).Select(a => a.Name));
        Assert.DoesNotContain(markup, e => e.LocalName == "style");
    }

    [Fact]
    public async Task Markup_TestPages_NoInlineStyleOrEventHandler()
    {
        // Arrange
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories());
        using var visitor = site.CreateVisitor();

        // Act
        var pages = new[] { await visitor.OpenPageAsync("/Banner"), await visitor.OpenPageAsync("/Embeds"), await visitor.OpenPageAsync("/Gate") };

        // Assert
        var markup = pages.SelectMany(ConsentKitMarkup).ToArray();
        Assert.Contains(markup, e => e.ClassList.Contains("ck-embed"));
        Assert.Contains(markup, e => e.LocalName == "template");
        Assert.Empty(markup.SelectMany(e => e.Attributes).Where(a => a.Name == "style" || a.Name.StartsWith("on", StringComparison.Ordinal)).Select(a => a.Name));
    }

    // ConsentKit's stylesheet and script (beside the banner) and the consent mode script.
    private static List<IElement> ConsentKitScriptsAndStyles(IHtmlDocument page) =>
    [
        .. page.QuerySelectorAll("link[rel=stylesheet][href*='/_content/ConsentKit/']"),
        .. page.QuerySelectorAll("script[src*='/_content/ConsentKit/']"),
        .. page.QuerySelectorAll("script[data-consentkit-gcm]"),
    ];

    // Every element ConsentKit wrote: the banner, placeholders, gates, the cookie table, settings links, scripts and styles.
    private static List<IElement> ConsentKitMarkup(IHtmlDocument page)
    {
        var roots = page.QuerySelectorAll("aside#consentkit, div.ck-embed, table.ck-cookie-table, a[data-consent-action], template[data-consent-category], [data-consent-fallback], [data-consent-category]")
            .Concat(ConsentKitScriptsAndStyles(page));
        return roots.SelectMany(root => root.DescendantsAndSelf<IElement>()
            .Concat(root is IHtmlTemplateElement template ? template.Content.Descendants<IElement>() : [])).Distinct().ToList();
    }
}
