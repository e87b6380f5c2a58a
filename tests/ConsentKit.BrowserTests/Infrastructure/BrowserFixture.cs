using Microsoft.Playwright;

namespace ConsentKit.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run: Debian's own build (never a downloaded one), driven by
/// Playwright's bundled driver. Each test opens its own <see cref="IBrowserContext"/> on it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The environment variable that points at another Chromium binary.</summary>
    public const string ExecutablePathVariable = "CONSENTKIT_CHROMIUM";

    private const string DefaultExecutablePath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Gets the browser shared by every test.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been started.");

    public async ValueTask InitializeAsync()
    {
        // The tests bring no browser of their own: make sure nothing tries to fetch one.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        var executablePath = Environment.GetEnvironmentVariable(ExecutablePathVariable) is { Length: > 0 } configured
            ? configured
            : DefaultExecutablePath;
        if (!File.Exists(executablePath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{executablePath}'. Install Debian's package (apt-get install chromium) " +
                $"or set {ExecutablePathVariable} to the path of a Chromium binary.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executablePath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 30_000,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
