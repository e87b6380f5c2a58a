using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using ConsentKit.Sample.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Benchmarks;

/// <summary>
/// The sample site's home page, rendered by the sample's own pipeline and Razor pages in this process, without a
/// socket or a load generator: with ConsentKit, and with <c>Sample:ConsentKit=false</c> (the same site without it,
/// as <c>benchmarks/load.sh</c> compares), for a first visit and for a visitor who accepted all. The ratio is what
/// ConsentKit costs a page with the network's noise taken out; <em>Allocated</em> is what the page allocates.
/// In-process, the pipeline alone is driven (<see cref="InProcessServer"/>); served by Kestrel, the page also goes
/// through the real server and its bytes through an in-memory connection (<see cref="InMemoryTransport"/>), which
/// is <c>load.sh</c> without the socket, the kernel and wrk.
/// </summary>
[MemoryDiagnoser]
public class PageBenchmarks
{
    private SampleHost _with = default!;
    private SampleHost _without = default!;
    private Func<Task> _sendWith = default!;
    private Func<Task> _sendWithout = default!;

    /// <summary>Gets or sets who visits the page.</summary>
    [Params(PageVisitor.FirstVisit, PageVisitor.Decided)]
    public PageVisitor Visitor { get; set; }

    /// <summary>Gets or sets what serves the page.</summary>
    [Params(PipelineServer.InProcess, PipelineServer.Kestrel)]
    public PipelineServer Server { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _with = new SampleHost(consentKit: true, Server);
        _without = new SampleHost(consentKit: false, Server);

        // Both sites get the same request: a current browser's page request, with the cookies it holds after "Accept all".
        var cookies = Visitor == PageVisitor.Decided ? _with.AcceptAllCookies() : null;
        (_sendWith, var with) = _with.Connect(cookies);
        (_sendWithout, var without) = _without.Connect(cookies);

        // Fail fast if a site does not render what this benchmark says it does.
        var expectedState = Visitor == PageVisitor.Decided ? "data-state=\"decided\"" : "data-state=\"undecided\"";
        if (!with.Contains(expectedState, StringComparison.Ordinal) || without.Contains("consentkit", StringComparison.OrdinalIgnoreCase)
            || !without.Contains("<h1>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Visitor}, {Server}: the pages are not the sample's home page with and without ConsentKit");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _with.Dispose();
        _without.Dispose();
    }

    [Benchmark(Baseline = true, Description = "without ConsentKit")]
    public Task Without() => _sendWithout();

    [Benchmark(Description = "with ConsentKit")]
    public Task With() => _sendWith();

    /// <summary>
    /// The sample site, started by <see cref="WebApplicationFactory{TEntryPoint}"/> as the tests do, with its request
    /// pipeline captured so that <see cref="InProcessServer"/> sends requests straight to it; or served by Kestrel on
    /// an in-memory transport.
    /// </summary>
    private sealed class SampleHost : WebApplicationFactory<SampleDbContext>
    {
        private const int KestrelPort = 5001;
        private readonly InMemoryTransport? _transport;
        private RequestDelegate? _pipeline;

        public SampleHost(bool consentKit, PipelineServer server)
        {
            if (server == PipelineServer.Kestrel)
            {
                _transport = new InMemoryTransport();
                UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, KestrelPort));
            }

            // The sample reads Sample:ConsentKit while it builds its services, before configuration set here would
            // apply; an environment variable is read when the host starts, which is now.
            Environment.SetEnvironmentVariable("Sample__ConsentKit", consentKit ? "true" : "false");
            try
            {
                _ = Services;
            }
            finally
            {
                Environment.SetEnvironmentVariable("Sample__ConsentKit", null);
            }

            Pages = new InProcessServer(_pipeline ?? throw new InvalidOperationException("the pipeline was not captured"), Services);
        }

        public InProcessServer Pages { get; }

        /// <summary>Returns what sends the home page request to this site (cookies, if any, and a browser's Fetch Metadata), and the page it renders.</summary>
        public (Func<Task> Send, string Page) Connect(string? cookies)
        {
            if (_transport is null)
            {
                var request = new InProcessServer.Request("GET", "/", cookies, FetchMetadata: true);
                return (() => Pages.SendAsync(request), Render(request));
            }

            var connection = _transport.Connect(KestrelPort);
            var bytes = KestrelConnection.Get("/", cookies);
            var response = connection.SendForResponseAsync(bytes).GetAwaiter().GetResult();
            return (() => connection.SendAsync(bytes), response.StatusCode == 200 ? response.Body : "");
        }

        /// <summary>Posts "Accept all" as the banner's form does; returns the Cookie header a browser then sends.</summary>
        public string AcceptAllCookies()
        {
            var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
            Send(new("POST", "/_consent", Body: "action=accept-all&returnUrl=%2F"u8.ToArray(), ContentType: "application/x-www-form-urlencoded"), cookies);
            if (!cookies.ContainsKey(".ConsentKit"))
            {
                throw new InvalidOperationException("accepting all set no consent cookie");
            }

            // The page itself may set cookies the visitor then holds (the sample's own analytics cookie).
            Send(new("GET", "/", CookieHeader(), FetchMetadata: true), cookies);
            return CookieHeader();

            string CookieHeader() => string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value));
        }

        /// <summary>The page's HTML, through the test server's client (the benchmarks discard it).</summary>
        private string Render(InProcessServer.Request request)
        {
            using var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            using var message = new HttpRequestMessage(HttpMethod.Get, request.Path);
            foreach (var (name, value) in InProcessServer.PageFetchMetadata)
            {
                message.Headers.Add(name, value);
            }

            if (request.Cookie is not null)
            {
                message.Headers.Add("Cookie", request.Cookie);
            }

            using var response = client.SendAsync(message).GetAwaiter().GetResult();
            return Encoding.UTF8.GetString(response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development"); // as the tests run it: static web assets come from the build output
            builder.ConfigureLogging(logging => logging.ClearProviders());
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<IStartupFilter>(new CapturePipeline(this));
                if (_transport is not null)
                {
                    services.RemoveAll<IConnectionListenerFactory>(); // Kestrel without its sockets
                    services.AddSingleton<IConnectionListenerFactory>(_transport);
                }
            });
        }

        private void Send(InProcessServer.Request request, Dictionary<string, string> cookies)
        {
            Pages.SendAsync(request).GetAwaiter().GetResult();
            foreach (var header in Pages.ResponseHeaders.SetCookie)
            {
                var pair = header!.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        // First in the pipeline, a middleware that only remembers what comes after it: the whole sample.
        private sealed class CapturePipeline(SampleHost host) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(rest => host._pipeline = rest);
                next(app);
            };
        }
    }
}

/// <summary>The visitor of <see cref="PageBenchmarks"/>.</summary>
public enum PageVisitor
{
    /// <summary>No cookie at all: the banner is open, with the preferences in the page.</summary>
    FirstVisit,

    /// <summary>The cookies a browser holds after "Accept all": the page carries the banner's first layer only.</summary>
    Decided,
}
