using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ConsentKit.BrowserTests.Infrastructure;

/// <summary>
/// Base of the browser tests: a fresh browser context (no cookies, no storage) and page per test,
/// on the shared browser and the collection's sample site. Every request that leaves the site is
/// recorded and aborted, so nothing waits on a network this machine does not have.
/// </summary>
[Collection(SampleSiteCollection.Name)]
public abstract class BrowserTest : IAsyncLifetime
{
    /// <summary>The host the sample's Hotjar snippet loads its script from.</summary>
    public const string HotjarHost = "static.hotjar.com";

    /// <summary>The name of ConsentKit's consent cookie in the sample.</summary>
    public const string ConsentCookieName = ".ConsentKit";

    private readonly BrowserFixture _browser;
    private readonly ConcurrentQueue<string> _blockedRequests = new();
    private IBrowserContext? _context;
    private IPage? _page;

    protected BrowserTest(SampleSite site, BrowserFixture browser)
    {
        Site = site;
        _browser = browser;
    }

    /// <summary>Gets the running sample site.</summary>
    protected SampleSite Site { get; }

    /// <summary>Gets this test's browser context.</summary>
    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("The context is not open yet.");

    /// <summary>Gets this test's page.</summary>
    protected IPage Page => _page ?? throw new InvalidOperationException("The page is not open yet.");

    /// <summary>Gets the banner of <see cref="Page"/>.</summary>
    protected Banner Banner => new(Page);

    /// <summary>Gets whether the test's browser runs JavaScript.</summary>
    protected virtual bool JavaScriptEnabled => true;

    /// <summary>Gets the URLs of the requests the page tried to send to other sites, in order.</summary>
    protected IReadOnlyCollection<string> BlockedRequests => _blockedRequests;

    /// <summary>Gets the requests the page tried to send to Hotjar.</summary>
    protected IReadOnlyList<string> HotjarRequests => [.. _blockedRequests.Where(IsHotjar)];

    public async ValueTask InitializeAsync() => await OpenContextAsync("en-US");

    /// <summary>
    /// Starts over in a fresh context whose browser speaks <paramref name="locale"/>: its <c>Accept-Language</c>
    /// header and <c>navigator.language</c>. (Chromium lets the locale win over an extra <c>Accept-Language</c>
    /// header, so a language is set this way.)
    /// </summary>
    protected async Task UseLocaleAsync(string locale)
    {
        await Context.CloseAsync();
        await OpenContextAsync(locale);
    }

    private async Task OpenContextAsync(string locale)
    {
        _context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.BaseUrl,
            JavaScriptEnabled = JavaScriptEnabled,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = locale,
            ColorScheme = ColorScheme.Light,
        });
        _context.SetDefaultTimeout(10_000);
        await _context.RouteAsync(url => !IsOnSite(url), async route =>
        {
            _blockedRequests.Enqueue(route.Request.Url);
            await route.AbortAsync("internetdisconnected");
        });
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    /// <summary>Opens a page of the sample site and waits for it to load (deferred scripts included).</summary>
    protected async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
    }

    /// <summary>Gets the consent cookie the browser holds for the site, if any.</summary>
    protected async Task<BrowserContextCookiesResult?> ConsentCookieAsync() =>
        (await Context.CookiesAsync([Site.BaseUrl])).SingleOrDefault(c => c.Name == ConsentCookieName);

    /// <summary>Gets the cookie of that name the browser holds for the site, if any (HttpOnly ones included).</summary>
    protected async Task<BrowserContextCookiesResult?> CookieAsync(string name) =>
        (await Context.CookiesAsync([Site.BaseUrl])).SingleOrDefault(c => c.Name == name);

    /// <summary>Gets the <c>typeof</c> of a global variable of the page; <see langword="null"/> when it is undefined.</summary>
    protected Task<string?> GlobalTypeAsync(string name) =>
        Page.EvaluateAsync<string?>("name => typeof window[name] === 'undefined' ? null : typeof window[name]", name);

    /// <summary>Tells a URL of Hotjar's.</summary>
    protected static bool IsHotjar(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == HotjarHost;

    /// <summary>Tells a request for Hotjar's script.</summary>
    protected static bool IsHotjar(IRequest request) => IsHotjar(request.Url);

    private bool IsOnSite(string url) => url.StartsWith(Site.BaseUrl + "/", StringComparison.Ordinal);
}
