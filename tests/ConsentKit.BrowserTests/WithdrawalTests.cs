using ConsentKit.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>Withdrawing a category deletes the cookies its scripts set, at once and without a reload.</summary>
public sealed class WithdrawalTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    [Fact]
    public async Task SaveChoices_AnalyticsWithdrawn_DeletesScriptSetHotjarCookies()
    {
        await GotoAsync("/");
        await Page.RunAndWaitForRequestAsync(() => Banner.AcceptAll.ClickAsync(), IsHotjar);
        // What Hotjar's script would store once it runs, plus a cookie of no optional category.
        await Page.EvaluateAsync("""
            () => {
              document.cookie = '_hjSession_123=1; path=/';
              document.cookie = '_hjSessionUser_123=1; path=/; max-age=31536000';
              document.cookie = 'site_theme=dark; path=/';
            }
            """);
        Assert.NotNull(await CookieAsync("_hjSession_123"));
        Assert.NotNull(await CookieAsync("_hjSessionUser_123"));
        await Page.EvaluateAsync("() => { window.__samePage = 'before withdrawing'; }");

        await Banner.CookieSettings.ClickAsync();
        await Banner.Analytics.UncheckAsync();
        await Banner.SaveChoices.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-granted", "necessary marketing");

        Assert.Null(await CookieAsync("_hjSession_123"));
        Assert.Null(await CookieAsync("_hjSessionUser_123"));
        var documentCookie = await Page.EvaluateAsync<string>("() => document.cookie");
        Assert.DoesNotContain("_hj", documentCookie, StringComparison.Ordinal);
        // Only the withdrawn category's cookies go.
        Assert.NotNull(await CookieAsync("site_theme"));
        Assert.Equal("before withdrawing", await Page.EvaluateAsync<string?>("() => window.__samePage"));
    }

    [Fact]
    public async Task RejectAll_FromCookieSettings_DeletesScriptSetHotjarCookie()
    {
        await GotoAsync("/");
        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Page.EvaluateAsync("() => { document.cookie = '_hjSession_123=1; path=/'; }");
        Assert.NotNull(await CookieAsync("_hjSession_123"));

        await Banner.CookieSettings.ClickAsync();
        await Banner.PreferencesRejectAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-granted", "necessary");

        Assert.Null(await CookieAsync("_hjSession_123"));
    }
}
