using ConsentKit.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>"Accept all" with JavaScript: the analytics snippet runs at once, without a reload, and on every visit after.</summary>
public sealed class AcceptAllTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    [Fact]
    public async Task AcceptAll_WithJavaScript_RunsSnippetWithoutReload()
    {
        await GotoAsync("/pricing");
        await Page.EvaluateAsync("() => { window.__samePage = 'before the click'; }");

        var hotjarRequest = await Page.RunAndWaitForRequestAsync(() => Banner.AcceptAll.ClickAsync(), IsHotjar);

        Assert.StartsWith("https://static.hotjar.com/c/hotjar-1000000.js", hotjarRequest.Url, StringComparison.Ordinal);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        Assert.Equal(1000000, await Page.EvaluateAsync<int>("() => window._hjSettings.hjid"));
        Assert.Equal("function", await GlobalTypeAsync("hj"));
        // The page is the one the visitor clicked on: no navigation, no reload.
        Assert.Equal("before the click", await Page.EvaluateAsync<string?>("() => window.__samePage"));
        Assert.Equal(Site.BaseUrl + "/pricing", Page.Url);
    }

    [Fact]
    public async Task AcceptAll_WithJavaScript_HidesPanelAndFocusesCookieSettings()
    {
        await GotoAsync("/");

        await Banner.AcceptAll.ClickAsync();

        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Expect(Banner.Form).ToBeHiddenAsync();
        await Expect(Banner.AcceptAll).ToBeHiddenAsync();
        await Expect(Banner.CookieSettings).ToBeVisibleAsync();
        await Expect(Banner.CookieSettings).ToHaveTextAsync("Cookie settings");
        await Expect(Banner.CookieSettings).ToBeFocusedAsync();
    }

    [Fact]
    public async Task AcceptAll_WithJavaScript_StoresHttpOnlyConsentCookie()
    {
        await GotoAsync("/");

        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");

        var cookie = await ConsentCookieAsync();
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/", cookie.Path);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.StartsWith("1.", cookie.Value, StringComparison.Ordinal);
        // About six months ahead: a persistent cookie, not a session one.
        var expires = DateTimeOffset.FromUnixTimeSeconds((long)cookie.Expires);
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddDays(181), DateTimeOffset.UtcNow.AddDays(183));
        // HttpOnly: the page's own scripts cannot read it.
        Assert.DoesNotContain(ConsentCookieName, await Page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptAll_ThenReload_BannerStaysClosedAndSnippetRunsOnLoad()
    {
        await GotoAsync("/");
        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");

        var hotjarRequest = await Page.RunAndWaitForRequestAsync(() => Page.ReloadAsync(), IsHotjar);

        Assert.StartsWith("https://static.hotjar.com/c/hotjar-1000000.js", hotjarRequest.Url, StringComparison.Ordinal);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        await Expect(Page.Locator("script[data-consent-category]")).ToHaveCountAsync(0);
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");
        await Expect(Banner.Root.Locator("details.ck-panel")).Not.ToHaveAttributeAsync("open", "");
        await Expect(Banner.Form).ToBeHiddenAsync();
        await Expect(Banner.CookieSettings).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AcceptAll_ThenOtherPage_SnippetRunsThere()
    {
        await GotoAsync("/");
        await Banner.AcceptAll.ClickAsync();
        await Expect(Banner.Root).ToHaveAttributeAsync("data-state", "decided");

        await Page.RunAndWaitForRequestAsync(() => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync(), IsHotjar);

        await Expect(Page).ToHaveURLAsync(Site.BaseUrl + "/privacy");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        await Expect(Banner.Form).ToBeHiddenAsync();
    }
}
