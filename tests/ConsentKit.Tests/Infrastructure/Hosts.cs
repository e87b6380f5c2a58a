using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using ConsentKit.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.Tests.Infrastructure;

// The hosts the tests run against, and what the tests put into them:
// - SampleSite: the real sample (Razor Pages, appsettings.json) through WebApplicationFactory<Program>;
// - TestSite: a bare WebApplication on TestServer (or Kestrel) with in-memory configuration, for custom set-ups;
// - ManualClock, InMemoryKeyRing: time and Data Protection keys that a test controls and can share between hosts;
// - TestEndpoints: /_test/* endpoints that report what HttpContext.GetConsent() and ITrackingConsentFeature say.

/// <summary>A <see cref="TimeProvider"/> whose clock moves only when the test moves it.</summary>
public sealed class ManualClock : TimeProvider
{
    /// <summary>The instant every clock starts at, so decision times are predictable.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private DateTimeOffset _now = Start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }
}

/// <summary>A Data Protection key repository in memory, to share one key ring between hosts (as a load-balanced farm does).</summary>
public sealed class InMemoryKeyRing : IXmlRepository
{
    private readonly Lock _lock = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_lock)
        {
            return _elements.Select(e => new XElement(e)).ToArray();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_lock)
        {
            _elements.Add(new XElement(element));
        }
    }
}

/// <summary>
/// The sample site, run in memory with its own appsettings.json. Each instance has its own clock and
/// key ring unless given shared ones; <paramref name="settings"/> override configuration keys.
/// </summary>
public sealed class SampleSite(
    IReadOnlyDictionary<string, string?>? settings = null,
    InMemoryKeyRing? keys = null,
    ManualClock? clock = null) : WebApplicationFactory<Program>
{
    public ManualClock Clock { get; } = clock ?? new ManualClock();

    public InMemoryKeyRing Keys { get; } = keys ?? new InMemoryKeyRing();

    /// <summary>Gets the keys of the sample's categories, in configuration order.</summary>
    public IReadOnlyList<string> CategoryKeys => Options.Categories.Select(c => c.Key).ToArray();

    /// <summary>Gets the keys of the sample's optional categories, in configuration order.</summary>
    public IReadOnlyList<string> OptionalCategoryKeys => Options.Categories.Where(c => !c.Required).Select(c => c.Key).ToArray();

    private ConsentKitOptions Options => Services.GetRequiredService<IOptions<ConsentKitOptions>>().Value;

    public Visitor CreateVisitor(Uri? baseAddress = null)
    {
        var jar = new CookieJar();
        var client = CreateDefaultClient(baseAddress ?? new Uri("http://localhost"), new CookieJarHandler(jar));
        return new Visitor(client, jar);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.ClearProviders());
        if (settings is not null)
        {
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = Keys);
            services.AddTransient<IStartupFilter, TestEndpointsStartupFilter>();
        });
    }

    // Appends the test endpoints after the sample's whole pipeline, so they run behind UseConsentKit()
    // like any page of the site, without changing the sample.
    private sealed class TestEndpointsStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseTestEndpoints();
        };
    }
}

/// <summary>
/// A bare WebApplication with in-memory configuration: AddConsentKit, UseConsentKit, the test endpoints, MapConsentKit.
/// It runs on TestServer, or on Kestrel at 127.0.0.1 (a free port) where the real server's limits matter.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private TestSite(WebApplication app, ManualClock clock)
    {
        App = app;
        Clock = clock;
    }

    public WebApplication App { get; }

    public ManualClock Clock { get; }

    /// <summary>A valid configuration: "necessary" (required), "analytics" and "marketing", with one service each.</summary>
    public static Dictionary<string, string?> ThreeCategories() => new()
    {
        ["ConsentKit:Categories:0:Key"] = "necessary",
        ["ConsentKit:Categories:0:Required"] = "true",
        ["ConsentKit:Categories:1:Key"] = "analytics",
        ["ConsentKit:Categories:2:Key"] = "marketing",
        ["ConsentKit:Services:0:Name"] = "Crisp",
        ["ConsentKit:Services:0:Category"] = "necessary",
        ["ConsentKit:Services:1:Name"] = "Hotjar",
        ["ConsentKit:Services:1:Category"] = "analytics",
        ["ConsentKit:Services:1:Cookies:0:Name"] = "_hjSession_*",
        ["ConsentKit:Services:2:Name"] = "Ads",
        ["ConsentKit:Services:2:Category"] = "marketing",
    };

    /// <summary>A builder on TestServer (or Kestrel) whose only configuration is <paramref name="settings"/>.</summary>
    public static WebApplicationBuilder CreateBuilder(IEnumerable<KeyValuePair<string, string?>> settings, bool kestrel = false, string environment = "Testing")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (kestrel)
        {
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();

        // Nothing but the test's settings: not the sample's appsettings.json (copied next to the tests), nor the environment.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    /// <summary>
    /// Builds and starts a site. <paramref name="configureServices"/> runs after AddConsentKit();
    /// <paramref name="configurePipeline"/> replaces the default pipeline when given.
    /// </summary>
    public static async Task<TestSite> StartAsync(
        IEnumerable<KeyValuePair<string, string?>> settings,
        Action<IServiceCollection>? configureServices = null,
        Action<WebApplication>? configurePipeline = null,
        bool kestrel = false,
        string environment = "Testing")
    {
        var clock = new ManualClock();
        var builder = CreateBuilder(settings, kestrel, environment);
        builder.Services.AddConsentKit();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = new InMemoryKeyRing());
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            if (configurePipeline is null)
            {
                app.UseConsentKit();
                app.UseTestEndpoints();
                app.MapConsentKit();
            }
            else
            {
                configurePipeline(app);
            }

            await app.StartAsync(TestContext.Current.CancellationToken);
            return new TestSite(app, clock);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a site with Razor Pages and controllers: the test project's own pages (tests/ConsentKit.Tests/Pages,
    /// not the sample's) and controllers, behind UseConsentKit(), with a <see cref="RenderCounter"/>.
    /// <paramref name="cultures"/>, when given, turns on UseRequestLocalization() with the first as default;
    /// <paramref name="afterConsentKit"/> adds middleware right after UseConsentKit() (UseOutputCache, for example).
    /// </summary>
    public static Task<TestSite> StartWithPagesAsync(
        IEnumerable<KeyValuePair<string, string?>> settings,
        Action<IServiceCollection>? configureServices = null,
        string[]? cultures = null,
        Action<WebApplication>? afterConsentKit = null) =>
        StartAsync(
            settings,
            services =>
            {
                services.AddSingleton<RenderCounter>();
                services.AddRazorPages().ConfigureApplicationPartManager(RemoveSamplePart);
                services.AddControllers().ConfigureApplicationPartManager(RemoveSamplePart);
                configureServices?.Invoke(services);
            },
            app =>
            {
                if (cultures is not null)
                {
                    app.UseRequestLocalization(options => options
                        .SetDefaultCulture(cultures[0])
                        .AddSupportedCultures(cultures)
                        .AddSupportedUICultures(cultures));
                }

                app.UseConsentKit();
                afterConsentKit?.Invoke(app);
                app.UseTestEndpoints();
                app.MapRazorPages();
                app.MapControllers();
                app.MapConsentKit();
            });

    public Visitor CreateVisitor(Uri? baseAddress = null)
    {
        var jar = new CookieJar();
        if (App.Services.GetRequiredService<IServer>() is TestServer server)
        {
            var inMemory = new HttpClient(new CookieJarHandler(jar) { InnerHandler = server.CreateHandler() })
            {
                BaseAddress = baseAddress ?? server.BaseAddress,
            };
            return new Visitor(inMemory, jar);
        }

        var overTcp = new HttpClient(new CookieJarHandler(jar) { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } })
        {
            BaseAddress = baseAddress ?? new Uri(App.Urls.Single()),
        };
        return new Visitor(overTcp, jar);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    // The test assembly references the sample, so MVC would also find the sample's pages (and its _ViewStart).
    private static void RemoveSamplePart(ApplicationPartManager manager)
    {
        foreach (var part in manager.ApplicationParts.Where(p => p.Name == typeof(Program).Assembly.GetName().Name).ToArray())
        {
            manager.ApplicationParts.Remove(part);
        }
    }
}

/// <summary>Counts renders of the test pages, to tell a rendered response from a cached one.</summary>
public sealed class RenderCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Next() => Interlocked.Increment(ref _count);
}

/// <summary>What <c>HttpContext.GetConsent()</c> said during a request.</summary>
public sealed record ConsentSnapshot(
    bool HasDecided,
    string? ConsentId,
    int? Revision,
    DateTimeOffset? DecidedAt,
    string[] GrantedCategories,
    Dictionary<string, bool> IsGranted);

/// <summary>What ASP.NET Core's <see cref="ITrackingConsentFeature"/> said during a request.</summary>
public sealed record TrackingSnapshot(bool IsConsentNeeded, bool HasConsent, bool CanTrack);

/// <summary>
/// Endpoints under <c>/_test</c> that report the consent of the request, to be placed after <c>UseConsentKit()</c>:
/// <c>/consent?ask=key</c>, <c>/tracking</c>, <c>/tracking/grant</c>, <c>/tracking/withdraw</c>,
/// <c>/tracking/cookie</c> (the header of <c>CreateConsentCookie()</c>), <c>/antiforgery</c> (a request token),
/// <c>/response</c> (a response shaped by the query: <c>set=name</c> through Response.Cookies, <c>raw=header</c> appended
/// as a raw Set-Cookie header, <c>delete=name</c>, <c>cacheControl=value</c>, and <c>ask=key</c> to query the consent).
/// </summary>
public static class TestEndpoints
{
    public const string Prefix = "/_test";

    public static IApplicationBuilder UseTestEndpoints(this IApplicationBuilder app) =>
        app.Map(Prefix, branch => branch.Run(HandleAsync));

    private static async Task HandleAsync(HttpContext context)
    {
        // Matched on path alone: behind the sample's pipeline only GET reaches here (its static-asset fallback answers other methods).
        var tracking = context.Features.Get<ITrackingConsentFeature>();
        switch (context.Request.Path.Value)
        {
            case "/consent":
                var consent = context.GetConsent();
                var snapshot = new ConsentSnapshot(
                    consent.HasDecided,
                    consent.ConsentId,
                    consent.Revision,
                    consent.DecidedAt,
                    consent.GrantedCategories.ToArray(),
                    context.Request.Query["ask"].ToDictionary(key => key!, key => consent.IsGranted(key!)));
                await context.Response.WriteAsJsonAsync(snapshot, JsonSerializerOptions.Web);
                break;
            case "/tracking":
                await WriteTrackingAsync(context, tracking!);
                break;
            case "/tracking/grant":
                tracking!.GrantConsent();
                await WriteTrackingAsync(context, tracking);
                break;
            case "/tracking/withdraw":
                tracking!.WithdrawConsent();
                await WriteTrackingAsync(context, tracking);
                break;
            case "/tracking/cookie":
                await context.Response.WriteAsync(tracking!.CreateConsentCookie());
                break;
            case "/response":
                WriteShapedResponse(context);
                await context.Response.WriteAsync(context.Request.Query["ask"].Count > 0 ? "asked" : "not asked");
                break;
            case "/antiforgery":
                var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
                await context.Response.WriteAsync(tokens.RequestToken!);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private static void WriteShapedResponse(HttpContext context)
    {
        var query = context.Request.Query;
        foreach (var name in query["set"])
        {
            context.Response.Cookies.Append(name!, "v", new CookieOptions { IsEssential = true });
        }

        foreach (var header in query["raw"])
        {
            context.Response.Headers.Append("Set-Cookie", header);
        }

        foreach (var name in query["delete"])
        {
            context.Response.Cookies.Delete(name!);
        }

        if (query["cacheControl"] is { Count: > 0 } cacheControl)
        {
            context.Response.Headers.CacheControl = cacheControl;
        }

        foreach (var key in query["ask"])
        {
            context.GetConsent().IsGranted(key!);
        }
    }

    private static Task WriteTrackingAsync(HttpContext context, ITrackingConsentFeature tracking) =>
        context.Response.WriteAsJsonAsync(
            new TrackingSnapshot(tracking.IsConsentNeeded, tracking.HasConsent, tracking.CanTrack),
            JsonSerializerOptions.Web);
}
