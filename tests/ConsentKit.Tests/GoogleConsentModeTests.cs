using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ConsentKit.Tests.Infrastructure;

namespace ConsentKit.Tests;

/// <summary>
/// <c>&lt;google-consent-mode /&gt;</c>: Google Consent Mode v2 defaults that already match the visitor's stored
/// choice, through the default mapping of well-known category keys or the configured one, and that mapping for
/// the client script's updates.
/// </summary>
public sealed class GoogleConsentModeTests
{
    private static readonly Dictionary<string, string> DefaultMapping = new()
    {
        ["ad_storage"] = "marketing",
        ["ad_user_data"] = "marketing",
        ["ad_personalization"] = "marketing",
        ["analytics_storage"] = "analytics",
        ["security_storage"] = "necessary",
    };

    [Fact]
    public async Task Defaults_SampleUndecided_OnlySecurityStorageGranted()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal(
            States(granted: ["security_storage"]),
            Defaults(page));
        Assert.Equal(DefaultMapping, Mapping(page));
    }

    [Fact]
    public async Task Defaults_SampleAfterAnalyticsOnly_AnalyticsStorageGrantedAdsDenied()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        var page = await visitor.OpenPageAsync("/");
        Page.CategoryCheckbox(page, "analytics").IsChecked = true;
        (await visitor.SubmitBannerAsync(page, "save")).Dispose();

        // Act
        page = await visitor.OpenPageAsync("/");

        // Assert
        Assert.Equal(States(granted: ["analytics_storage", "security_storage"]), Defaults(page));
    }

    [Fact]
    public async Task Defaults_SampleAfterAcceptAll_EveryMappedTypeGranted()
    {
        // Arrange
        await using var site = new SampleSite();
        using var visitor = site.CreateVisitor();
        (await visitor.SubmitBannerAsync(await visitor.OpenPageAsync("/"), "accept-all")).Dispose();

        // Act
        var page = await visitor.OpenPageAsync("/");

        // Assert: no category of the sample grants the functionality and personalization types
        Assert.Equal(
            States(granted: ["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "security_storage"]),
            Defaults(page));
    }

    [Fact]
    public async Task Defaults_FunctionalOrPreferencesCategory_GrantsFunctionalityTypes()
    {
        // Arrange
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:Categories:3:Key"] = "preferences";
        await using var site = await TestSite.StartWithPagesAsync(settings);
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();
        (await visitor.PostJsonAsync("""{"action":"save","categories":["preferences"]}""", token)).Dispose();

        // Act
        var page = await visitor.OpenPageAsync("/Banner");

        // Assert
        Assert.Equal(States(granted: ["functionality_storage", "personalization_storage", "security_storage"]), Defaults(page));
        Assert.Equal("preferences", Mapping(page)["functionality_storage"]);
    }

    [Fact]
    public async Task Defaults_ConfiguredMapping_ReplacesTheDefaultOne()
    {
        // Arrange: analytics_storage follows marketing; every type left out is always denied
        var settings = TestSite.ThreeCategories();
        settings["ConsentKit:GoogleConsentMode:Types:analytics_storage"] = "marketing";
        settings["ConsentKit:GoogleConsentMode:Types:ad_storage"] = "marketing";
        await using var site = await TestSite.StartWithPagesAsync(settings);
        using var visitor = site.CreateVisitor();
        var token = await visitor.GetAntiforgeryTokenAsync();
        (await visitor.PostJsonAsync("""{"action":"accept-all"}""", token)).Dispose();

        // Act
        var page = await visitor.OpenPageAsync("/Banner");

        // Assert
        Assert.Equal(States(granted: ["ad_storage", "analytics_storage"]), Defaults(page));
        Assert.Equal(new Dictionary<string, string> { ["ad_storage"] = "marketing", ["analytics_storage"] = "marketing" }, Mapping(page));
    }

    // Every Consent Mode v2 type, "granted" for those given, "denied" for the rest.
    private static Dictionary<string, string> States(string[] granted) =>
        new[] { "ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "personalization_storage", "security_storage" }
            .ToDictionary(type => type, type => granted.Contains(type) ? "granted" : "denied");

    private static IHtmlScriptElement Script(IHtmlDocument page) =>
        Assert.Single(page.QuerySelectorAll<IHtmlScriptElement>("script[data-consentkit-gcm]"));

    // The object of gtag('consent','default',{…}), parsed.
    private static Dictionary<string, string> Defaults(IHtmlDocument page)
    {
        var text = Script(page).Text;
        const string call = "gtag('consent','default',";
        Assert.StartsWith("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}", text);
        Assert.EndsWith(");", text);
        var json = text[(text.IndexOf(call, StringComparison.Ordinal) + call.Length)..^2];
        return JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
    }

    private static Dictionary<string, string> Mapping(IHtmlDocument page) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Script(page).GetAttribute("data-consentkit-gcm")!)!;
}
