using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>The banner speaks the browser's language (Accept-Language), falls back to the parent language, and reads right to left in Arabic.</summary>
public sealed class LocalizationTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    [Fact]
    public async Task Banner_AcceptLanguageFr_ShowsFrenchTexts()
    {
        await UseLocaleAsync("fr");

        var acceptLanguage = await GotoAndGetAcceptLanguageAsync("/");

        Assert.Equal("fr", acceptLanguage);
        await ExpectFrenchBannerAsync();
    }

    [Fact]
    public async Task Banner_AcceptLanguageFrCA_FallsBackToFrench()
    {
        await UseLocaleAsync("fr-CA");

        var acceptLanguage = await GotoAndGetAcceptLanguageAsync("/");

        // Only the regional culture is asked for: French comes from the fallback to its parent, not from the header.
        Assert.Equal("fr-CA", acceptLanguage);
        await ExpectFrenchBannerAsync();
    }

    [Fact]
    public async Task PreferencesDialog_AcceptLanguageFr_ShowsFrenchCategoriesAndButtons()
    {
        await UseLocaleAsync("fr");
        await GotoAsync("/");

        await Banner.Customize.ClickAsync();

        await Expect(Banner.Dialog).ToBeVisibleAsync();
        await Expect(Banner.Dialog).ToHaveAttributeAsync("lang", "fr");
        // Category titles come from the site's own French translations.
        await Expect(Banner.Preferences.GetByLabel("Nécessaires", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(Banner.Preferences.GetByLabel("Mesure d'audience", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Expect(Banner.Preferences.GetByLabel("Marketing et médias", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Expect(Banner.Preferences.GetByRole(AriaRole.Button, new() { Name = "Tout accepter", Exact = true })).ToBeVisibleAsync();
        await Expect(Banner.Preferences.GetByRole(AriaRole.Button, new() { Name = "Tout refuser", Exact = true })).ToBeVisibleAsync();
        await Expect(Banner.Analytics).ToHaveCountAsync(0); // no English left
    }

    [Fact]
    public async Task Banner_AcceptLanguageAr_RendersRightToLeftInArabic()
    {
        await UseLocaleAsync("ar");

        await GotoAsync("/");

        await Expect(Banner.Root).ToHaveAttributeAsync("lang", "ar");
        await Expect(Banner.Root).ToHaveAttributeAsync("dir", "rtl");
        await Expect(Banner.Root.GetByRole(AriaRole.Heading, new() { Name = "نحن نحترم خصوصيتك" })).ToBeVisibleAsync();
        Assert.Equal("rtl", await Banner.Root.EvaluateAsync<string>("el => getComputedStyle(el).direction"));
        // Right to left as a visitor sees it: the first choice, "accept all", sits to the right of the second.
        var accept = await Banner.Root.Locator("[data-consent-action=accept-all]").BoundingBoxAsync();
        var reject = await Banner.Root.Locator("[data-consent-action=reject-all]").BoundingBoxAsync();
        Assert.NotNull(accept);
        Assert.NotNull(reject);
        Assert.True(accept.X > reject.X, $"In Arabic \"accept all\" (x={accept.X}) should be right of \"reject all\" (x={reject.X}).");
        await Expect(Banner.Heading).ToHaveCountAsync(0); // not the English title

        await Banner.Customize.ClickAsync();
        await Expect(Banner.Dialog).ToBeVisibleAsync();
        await Expect(Banner.Dialog).ToHaveAttributeAsync("dir", "rtl");
        await Expect(Banner.Dialog).ToHaveAttributeAsync("lang", "ar");
    }

    // Opens a page and returns the Accept-Language the browser sent for it.
    private async Task<string?> GotoAndGetAcceptLanguageAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        return await response.Request.HeaderValueAsync("accept-language");
    }

    private async Task ExpectFrenchBannerAsync()
    {
        await Expect(Banner.Root).ToHaveAttributeAsync("lang", "fr");
        await Expect(Banner.Root.GetByRole(AriaRole.Heading, new() { Name = "Nous respectons votre vie privée" })).ToBeVisibleAsync();
        await Expect(Banner.Root.Locator("[data-consent-action=accept-all]")).ToHaveTextAsync("Tout accepter");
        await Expect(Banner.Root.Locator("[data-consent-action=reject-all]")).ToHaveTextAsync("Tout refuser");
        await Expect(Banner.Root.GetByRole(AriaRole.Button, new() { Name = "Tout accepter", Exact = true })).ToHaveCountAsync(1);
        await Expect(Banner.Root.GetByRole(AriaRole.Button, new() { Name = "Tout refuser", Exact = true })).ToHaveCountAsync(1);
        await Expect(Banner.Heading).ToHaveCountAsync(0); // the English site title does not leak into French
    }
}
