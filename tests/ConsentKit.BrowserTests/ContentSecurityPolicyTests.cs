using System.Collections.Concurrent;
using ConsentKit.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ConsentKit.BrowserTests;

/// <summary>
/// The sample is served under a strict nonce CSP (<c>script-src 'nonce-…' 'strict-dynamic'</c>): ConsentKit's
/// stylesheet, script and Consent Mode defaults carry the nonce, and scripts it activates after consent keep it.
/// </summary>
public sealed class ContentSecurityPolicyTests(SampleSite site, BrowserFixture browser) : BrowserTest(site, browser)
{
    // Records every securitypolicyviolation event of every document, before any of the page's own scripts run.
    private const string RecordViolations =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', " +
        "e => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));";

    private readonly ConcurrentQueue<string> _cspConsoleMessages = new();

    [Fact]
    public async Task Page_UnderStrictNonceCsp_HasNoViolationsBeforeOrAfterAcceptAll()
    {
        await ListenForViolationsAsync();
        var response = await Page.GotoAsync("/");
        Assert.NotNull(response);
        var csp = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Matches(@"script-src 'nonce-[^']+' 'strict-dynamic'", csp);

        await Expect(Banner.AcceptAll).ToBeVisibleAsync();
        Assert.Equal("object", await GlobalTypeAsync("ConsentKit")); // ConsentKit's script ran under the policy
        await AssertNoViolationsAsync("on first load");

        await Banner.Customize.ClickAsync();
        await Expect(Banner.Dialog).ToBeVisibleAsync();
        await Page.RunAndWaitForRequestAsync(() => Banner.PreferencesAcceptAll.ClickAsync(), IsHotjar);

        // The activated inline snippet ran (so it kept its nonce) and loaded Hotjar (trusted through 'strict-dynamic').
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        await Expect(Page.Locator("iframe.video")).ToHaveAttributeAsync("src", EmbedTests.VideoUrl);
        await AssertNoViolationsAsync("after Accept all");

        await Page.RunAndWaitForRequestAsync(() => Page.ReloadAsync(), IsHotjar);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__analyticsRan === true"));
        await AssertNoViolationsAsync("after a reload with consent");
    }

    [Theory]
    [InlineData("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<p style=\"color: red\">unstyled</p>')", "style-src-attr")]
    [InlineData("() => { document.body.setAttribute('onclick', 'window.__handlerRan = true'); document.body.click(); }", "script-src-attr")]
    public async Task Page_UnderStrictNonceCsp_ReportsInlineCodeWithoutNonce(string inject, string directive)
    {
        // The listeners are only worth something if they hear a violation: inline code the policy refuses.
        await ListenForViolationsAsync();
        await GotoAsync("/");

        var message = await Page.RunAndWaitForConsoleMessageAsync(
            () => Page.EvaluateAsync(inject),
            new() { Predicate = m => m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) });

        await Page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        Assert.StartsWith(directive + " inline", Assert.Single(await ViolationsAsync()), StringComparison.Ordinal);
        Assert.Null(await GlobalTypeAsync("__handlerRan"));
        Assert.Contains(message.Text, _cspConsoleMessages);
    }

    private async Task ListenForViolationsAsync()
    {
        await Context.AddInitScriptAsync(RecordViolations);
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _cspConsoleMessages.Enqueue(message.Text);
            }
        };
    }

    private Task<string[]> ViolationsAsync() => Page.EvaluateAsync<string[]>("() => window.__cspViolations");

    private async Task AssertNoViolationsAsync(string when)
    {
        var violations = await ViolationsAsync();
        Assert.True(violations.Length == 0, $"CSP violations {when}:\n{string.Join('\n', violations)}");
        Assert.True(_cspConsoleMessages.IsEmpty, $"CSP messages in the console {when}:\n{string.Join('\n', _cspConsoleMessages)}");
    }
}
