using ConsentKit.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>
/// Google Consent Mode v2: the page's <c>dataLayer</c> starts from defaults that already match the stored choice,
/// and every decision pushes an update.
/// </summary>
public sealed class GoogleConsentModeTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    private static readonly string[] AllTypes =
        ["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "personalization_storage", "security_storage"];

    [Fact]
    public async Task Defaults_BeforeConsent_AreDeniedExceptSecurityStorage()
    {
        await GotoAsync("/");

        var commands = await ConsentCommandsAsync();

        var defaults = Assert.Single(commands, c => c.Command == "default").Values;
        Assert.Equal(AllTypes.Order(), defaults.Keys.Order());
        Assert.All(AllTypes.Where(t => t != "security_storage"), type => Assert.Equal("denied", defaults[type]));
        Assert.Equal("granted", defaults["security_storage"]);
        Assert.DoesNotContain(commands, c => c.Command == "update");
        // The defaults come first: pushed by the head's first script, before any tag could read the dataLayer.
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => [...document.scripts].indexOf(document.querySelector('script[data-consentkit-gcm]'))"));
    }

    [Fact]
    public async Task AcceptAll_PushesGrantedUpdate()
    {
        await GotoAsync("/");

        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");

        var commands = await ConsentCommandsAsync();
        var update = Assert.Single(commands, c => c.Command == "update").Values;
        Assert.Equal("granted", update["ad_storage"]);
        Assert.Equal("granted", update["ad_user_data"]);
        Assert.Equal("granted", update["ad_personalization"]);
        Assert.Equal("granted", update["analytics_storage"]);
        Assert.Equal("granted", update["security_storage"]);
        // The update comes after the defaults it overrides.
        Assert.Equal(["default", "update"], commands.Select(c => c.Command));
    }

    [Fact]
    public async Task SaveChoices_AnalyticsOnly_PushesUpdateGrantingAnalyticsDenyingAds()
    {
        await GotoAsync("/");
        await Banner.Customize.ClickAsync();
        await Banner.Analytics.CheckAsync();

        await Banner.SaveChoices.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");

        var update = Assert.Single(await ConsentCommandsAsync(), c => c.Command == "update").Values;
        Assert.Equal("granted", update["analytics_storage"]);
        Assert.Equal("denied", update["ad_storage"]);
        Assert.Equal("denied", update["ad_user_data"]);
        Assert.Equal("denied", update["ad_personalization"]);
    }

    [Fact]
    public async Task Defaults_AfterAcceptAllAndReload_AreGranted()
    {
        await GotoAsync("/");
        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");

        await Page.ReloadAsync();

        var commands = await ConsentCommandsAsync();
        var defaults = Assert.Single(commands, c => c.Command == "default").Values;
        Assert.Equal("granted", defaults["ad_storage"]);
        Assert.Equal("granted", defaults["ad_user_data"]);
        Assert.Equal("granted", defaults["ad_personalization"]);
        Assert.Equal("granted", defaults["analytics_storage"]);
        Assert.Equal("granted", defaults["security_storage"]);
        // No category of the sample stands for these two: they stay denied.
        Assert.Equal("denied", defaults["functionality_storage"]);
        Assert.Equal("denied", defaults["personalization_storage"]);
        Assert.DoesNotContain(commands, c => c.Command == "update");
    }

    // The ['consent', command, values] entries of window.dataLayer, in order (gtag pushes its arguments object).
    private async Task<IReadOnlyList<ConsentCommand>> ConsentCommandsAsync()
    {
        var entries = await Page.EvaluateAsync<ConsentCommand[]>(
            "() => (window.dataLayer || []).map(e => Array.from(e)).filter(e => e[0] === 'consent').map(e => ({ Command: e[1], Values: e[2] }))");
        return entries;
    }

    public sealed class ConsentCommand
    {
        public string Command { get; set; } = "";

        public Dictionary<string, string> Values { get; set; } = [];
    }
}
