using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// The banner and every ConsentKit text speak the visitor's language (the request culture of
/// UseRequestLocalization): built-in texts for eight languages, the site's own Texts for the default
/// language only, its Translations over the built-in ones, translated category titles, right-to-left Arabic.
/// </summary>
public sealed class LocalizationTests
{
    [Theory]
    [InlineData("en", "en", "Cookies at Parcelwise", "Accept all", "Analytics")]
    [InlineData("fr", "fr", "Nous respectons votre vie privée", "Tout accepter", "Mesure d'audience")]
    [InlineData("de", "de", "Ihre Privatsphäre ist uns wichtig", "Alle akzeptieren", "Analytics")]
    [InlineData("es", "es", "Respetamos su privacidad", "Aceptar todo", "Analytics")]
    [InlineData("it", "it", "Rispettiamo la tua privacy", "Accetta tutto", "Analytics")]
    [InlineData("nl", "nl", "Wij respecteren uw privacy", "Alles accepteren", "Analytics")]
    [InlineData("pt", "pt", "Respeitamos a sua privacidade", "Aceitar tudo", "Analytics")]
    [InlineData("ar", "ar", "نحن نحترم خصوصيتك", "قبول الكل", "Analytics")]
    [InlineData("fr-CA,fr;q=0.8", "fr", "Nous respectons votre vie privée", "Tout accepter", "Mesure d'audience")]
    [InlineData("ja", "en", "Cookies at Parcelwise", "Accept all", "Analytics")]
    [InlineData("ja,de;q=0.5", "de", "Ihre Privatsphäre ist uns wichtig", "Alle akzeptieren", "Analytics")]
    public async Task Banner_AcceptLanguage_SpeaksTheVisitorsLanguage(string acceptLanguage, string lang, string title, string acceptAll, string analyticsTitle)
    {
        // Arrange: the sample sets its own English title (Texts:Title) and French category titles
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Accept-Language", acceptLanguage);

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        var banner = Page.Banner(page);
        Assert.Equal(lang, banner.GetAttribute("lang"));
        Assert.Equal(title, banner.QuerySelector("#ck-title")!.TextContent);
        Assert.Equal(acceptAll, banner.QuerySelector("button[data-consent-action=accept-all]")!.TextContent);
        Assert.Equal(analyticsTitle, banner.QuerySelector("label[for=ck-c-analytics]")!.TextContent);
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("fr", null)]
    [InlineData("en", null)]
    public async Task Banner_Language_WritingDirection(string language, string? dir)
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Accept-Language", language);

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal(dir, Page.Banner(page).GetAttribute("dir"));
    }

    [Fact]
    public async Task Banner_SiteTranslationOfBuiltInLanguage_OverridesOnlyThatText()
    {
        // Arrange
        await using var site = new SampleSite(new Dictionary<string, string?> { ["ConsentKit:Translations:fr:Title"] = "Les cookies de Parcelwise" });
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Accept-Language", "fr");

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        var banner = Page.Banner(page);
        Assert.Equal("Les cookies de Parcelwise", banner.QuerySelector("#ck-title")!.TextContent);
        Assert.Equal("Tout accepter", banner.QuerySelector("button[data-consent-action=accept-all]")!.TextContent);
    }

    [Fact]
    public async Task OtherTagHelpers_French_UseFrenchTexts()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Accept-Language", "fr");

        // Act
        var home = await visitor.OpenPageAsync("/");
        var privacy = await visitor.OpenPageAsync("/privacy");

        // Assert
        var placeholder = home.QuerySelector("div.ck-embed[data-consent-placeholder=marketing]")!;
        Assert.Contains("YouTube", placeholder.QuerySelector("p")!.TextContent);
        Assert.Contains("Marketing et médias", placeholder.QuerySelector("p")!.TextContent);
        Assert.Equal("Autoriser Marketing et médias", placeholder.QuerySelector("button")!.TextContent);
        Assert.Equal(["Paramètres des cookies", "Paramètres des cookies"], privacy.QuerySelectorAll("a[data-consent-action=settings]").Select(a => a.TextContent));
        var table = privacy.QuerySelector("table.ck-cookie-table")!;
        Assert.Equal("fr", table.GetAttribute("lang"));
        Assert.Equal(["Catégorie", "Cookie", "Service", "Fournisseur", "Finalité", "Durée"], table.QuerySelectorAll("th").Select(th => th.TextContent));
        Assert.Equal(["Nécessaires", "Mesure d'audience", "Mesure d'audience", "Mesure d'audience", "Marketing et médias"], table.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent));
    }

    [Fact]
    public async Task Banner_SpecificCultureWithoutTexts_FallsBackToItsParentLanguage()
    {
        // Arrange: the app supports fr-CA itself, so the request culture is fr-CA and ConsentKit looks up fr
        await using var site = await TestSite.StartWithPagesAsync(TestSite.ThreeCategories(), cultures: ["en", "fr-CA"]);
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Accept-Language", "fr-CA");

        // Act
        var page = await visitor.OpenPageAsync("/Banner");

        // Assert
        var banner = Page.Banner(page);
        Assert.Equal("fr", banner.GetAttribute("lang"));
        Assert.Equal("Nous respectons votre vie privée", banner.QuerySelector("#ck-title")!.TextContent);
    }

    [Fact]
    public async Task Banner_SiteTranslationForSpecificCulture_UsedWithParentForTheRest()
    {
        // Arrange
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Translations:fr-CA:Title"] = "On respecte ta vie privée";
        settings["ConsentKit:Categories:1:Translations:fr-CA:Title"] = "Statistiques";
        await using var site = await TestSite.StartWithPagesAsync(settings, cultures: ["en", "fr-CA"]);
        using var visitor = site.CreateVisitor();
        visitor.SendAlways("Accept-Language", "fr-CA");

        // Act
        var page = await visitor.OpenPageAsync("/Banner");

        // Assert
        var banner = Page.Banner(page);
        Assert.Equal("fr-CA", banner.GetAttribute("lang"));
        Assert.Equal("On respecte ta vie privée", banner.QuerySelector("#ck-title")!.TextContent);
        Assert.Equal("Tout accepter", banner.QuerySelector("button[data-consent-action=accept-all]")!.TextContent);
        Assert.Equal("Statistiques", banner.QuerySelector("label[for=ck-c-analytics]")!.TextContent);
    }

    [Fact]
    public async Task Banner_LanguageWithoutTexts_DefaultLanguageWithSiteTexts()
    {
        // Arrange: the site writes its texts in German; the request culture is Japanese
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:DefaultLanguage"] = "de";
        settings["ConsentKit:Texts:Title"] = "Cookies bei Parcelwise";
        await using var site = await TestSite.StartWithPagesAsync(settings, cultures: ["ja", "en"]);
        using var japanese = site.CreateVisitor();
        using var english = site.CreateVisitor();
        english.SendAlways("Accept-Language", "en");

        // Act
        var inJapanese = Page.Banner(await japanese.OpenPageAsync("/Banner"));
        var inEnglish = Page.Banner(await english.OpenPageAsync("/Banner"));

        // Assert
        Assert.Equal("de", inJapanese.GetAttribute("lang"));
        Assert.Equal("Cookies bei Parcelwise", inJapanese.QuerySelector("#ck-title")!.TextContent);
        Assert.Equal("Alle akzeptieren", inJapanese.QuerySelector("button[data-consent-action=accept-all]")!.TextContent);
        Assert.Equal("en", inEnglish.GetAttribute("lang"));
        Assert.Equal("We value your privacy", inEnglish.QuerySelector("#ck-title")!.TextContent); // the site's texts are German
    }
}
