using System.Net;
using System.Text;
using ConsentKit.Consent;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.Benchmarks;

/// <summary>
/// The real services of a small site (ConsentKit configured like the sample, ASP.NET Core's cookie policy,
/// static files, Razor's file version provider) in one service provider, and pipelines built from it.
/// </summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    public const string StaticFilePath = "/site.css";
    private static readonly byte[] PageBody = "<!doctype html><title>Hello</title><p>Hello, world.</p>"u8.ToArray();
    private readonly WebApplication _app;

    /// <summary>Creates the services; requests are sent in-process (<see cref="InProcessServer"/>), never through a server.</summary>
    public BenchmarkHost()
        : this(transport: null)
    {
    }

    private BenchmarkHost(InMemoryTransport? transport)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        using (var settings = typeof(BenchmarkHost).Assembly.GetManifestResourceStream("sample.appsettings.json")!)
        {
            // The sample's own configuration: 3 categories, 4 services, 6 declared cookies, a CSP nonce.
            builder.Configuration.AddJsonStream(new MemoryStream(ReadAll(settings)));
        }

        builder.Logging.ClearProviders();
        Transport = transport;
        if (transport is null)
        {
            builder.Services.AddSingleton<IServer, NoServer>();
        }
        else
        {
            // Kestrel itself, on the in-memory transport: one endpoint per consent variant.
            builder.WebHost.UseKestrelCore();
            builder.Services.AddSingleton<IConnectionListenerFactory>(transport);
            builder.WebHost.ConfigureKestrel(options =>
            {
                foreach (var variant in Enum.GetValues<ConsentVariant>())
                {
                    options.Listen(IPAddress.Loopback, PortOf(variant));
                }
            });
        }

        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddRazorPages();
        builder.Services.AddConsentKit();
        _app = builder.Build();
        Services = _app.Services;
        Codec = Services.GetRequiredService<ConsentCookieCodec>();
        ConsentKitServices = Services.GetRequiredService<ConsentKitServices>();
        CookieName = ConsentKitServices.Policy.Options.Cookie.Name;
    }

    public IServiceProvider Services { get; }

    /// <summary>Gets the in-memory transport Kestrel listens on, or null when requests are sent in-process.</summary>
    public InMemoryTransport? Transport { get; }

    public ConsentCookieCodec Codec { get; }

    public ConsentKitServices ConsentKitServices { get; }

    public string CookieName { get; }

    /// <summary>
    /// Starts Kestrel on an in-memory transport, serving <see cref="BuildPipeline"/> of each variant on its own
    /// endpoint (<see cref="PortOf"/>): the same pipelines as in-process, with the real server around them.
    /// </summary>
    public static async Task<BenchmarkHost> StartKestrelAsync()
    {
        var transport = new InMemoryTransport();
        var host = new BenchmarkHost(transport);
        var pipelines = Enum.GetValues<ConsentVariant>().ToDictionary(PortOf, host.BuildPipeline);
        host._app.Run(context => pipelines[context.Connection.LocalPort](context));
        await host._app.StartAsync();
        return host;
    }

    /// <summary>The loopback port Kestrel serves a variant's pipeline on.</summary>
    public static int PortOf(ConsentVariant variant) => 5001 + (int)variant;

    /// <summary>A valid consent cookie value: analytics granted, marketing denied, decided just now.</summary>
    public string NewConsentCookieValue(string consentId = "benchmark-visitor")
    {
        var policy = ConsentKitServices.Policy;
        policy.TryGetCategory("analytics", out var analytics);
        var decidedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return Codec.Encode(new ConsentDecision(consentId, policy.Revision, decidedAt, policy.RequiredMask | analytics.Bit));
    }

    /// <summary>Builds a pipeline: the consent middleware of <paramref name="consent"/>, static files, then a page that asks about consent once.</summary>
    public RequestDelegate BuildPipeline(ConsentVariant consent)
    {
        var app = new ApplicationBuilder(Services);
        switch (consent)
        {
            case ConsentVariant.CookiePolicy:
                app.UseCookiePolicy(new CookiePolicyOptions { CheckConsentNeeded = static _ => true });
                break;
            case ConsentVariant.ConsentKit:
                app.UseConsentKit();
                break;
        }

        app.UseStaticFiles(new StaticFileOptions { FileProvider = new OneFileProvider(StaticFilePath[1..], "body{margin:0}"u8.ToArray()) });
        app.Run(consent switch
        {
            ConsentVariant.CookiePolicy => static context =>
            {
                // The cookie policy's consent: ITrackingConsentFeature, answered from its ".AspNet.Consent" cookie.
                var canTrack = context.Features.Get<Microsoft.AspNetCore.Http.Features.ITrackingConsentFeature>()!.CanTrack;
                return WritePage(context, canTrack);
            },
            ConsentVariant.ConsentKit => static context => WritePage(context, context.GetConsent().IsGranted("analytics")),
            _ => static context => WritePage(context, false),
        });
        return app.Build();
    }

    /// <summary>Builds the decision endpoint's pipeline: <c>UseConsentKit()</c> then the endpoint (no routing).</summary>
    public RequestDelegate BuildDecisionPipeline()
    {
        var app = new ApplicationBuilder(Services);
        app.UseConsentKit();
        app.Run(Http.ConsentDecisionEndpoint.HandleAsync);
        return app.Build();
    }

    /// <summary>Builds the baseline of a decision: the same antiforgery check and form read, and a 303, without ConsentKit.</summary>
    public RequestDelegate BuildFormPostPipeline()
    {
        var app = new ApplicationBuilder(Services);
        app.Run(static async context =>
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            var form = await context.Request.ReadFormAsync();
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = form["returnUrl"].ToString();
        });
        return app.Build();
    }

    /// <summary>An antiforgery cookie and form body as a browser would post them after loading a page.</summary>
    public (string Cookie, byte[] Body) NewDecisionForm(string action)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        var tokens = Services.GetRequiredService<IAntiforgery>().GetTokens(context);
        var cookieName = Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        var body = $"action={action}&returnUrl=%2F&__RequestVerificationToken={Uri.EscapeDataString(tokens.RequestToken!)}";
        return ($"{cookieName}={tokens.CookieToken}", Encoding.UTF8.GetBytes(body));
    }

    public async ValueTask DisposeAsync()
    {
        if (Transport is not null)
        {
            await _app.StopAsync();
        }

        await _app.DisposeAsync();
    }

    // A real page would render differently per answer; here the answer goes into a header both ways.
    private static Task WritePage(HttpContext context, bool analytics)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers["X-Analytics"] = analytics ? "on" : "off";
        return context.Response.BodyWriter.WriteAsync(PageBody).AsTask();
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    /// <summary>A file provider with one file in memory, so a static file request measures the pipeline, not the disk.</summary>
    private sealed class OneFileProvider(string name, byte[] content) : IFileProvider
    {
        private readonly IFileInfo _file = new OneFile(name, content);

        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IFileInfo GetFileInfo(string subpath) =>
            subpath.AsSpan().TrimStart('/').SequenceEqual(name) ? _file : new NotFoundFileInfo(subpath);

        public Microsoft.Extensions.Primitives.IChangeToken Watch(string filter) => Microsoft.Extensions.FileProviders.NullChangeToken.Singleton;
    }

    private sealed class OneFile(string name, byte[] content) : IFileInfo
    {
        public bool Exists => true;

        public long Length => content.Length;

        public string? PhysicalPath => null;

        public string Name => name;

        public DateTimeOffset LastModified { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public bool IsDirectory => false;

        public Stream CreateReadStream() => new MemoryStream(content, writable: false);
    }
}

/// <summary>Which consent middleware a pipeline has.</summary>
public enum ConsentVariant
{
    /// <summary>No consent middleware.</summary>
    None,

    /// <summary>ASP.NET Core's <c>UseCookiePolicy</c> with <c>CheckConsentNeeded = _ => true</c>.</summary>
    CookiePolicy,

    /// <summary><c>UseConsentKit()</c>.</summary>
    ConsentKit,
}
