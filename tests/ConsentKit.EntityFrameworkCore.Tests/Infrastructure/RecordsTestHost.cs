using ConsentKit.Configuration;
using ConsentKit.Records;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A small site on a TestServer: ConsentKit with two categories, its records in <see cref="TestDbContext"/> on a
/// real database (or no store at all), and <c>/token</c>, which hands out antiforgery tokens as the banner does.
/// </summary>
internal sealed class RecordsTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordsTestHost(WebApplication app, string contentRoot, CollectingLoggerProvider logs)
    {
        _app = app;
        ContentRoot = contentRoot;
        Logs = logs;
    }

    public string ContentRoot { get; }

    public CollectingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RecordsTestHost> StartAsync(TestDatabase? database, Action<ConsentRecordOptions>? configureRecords = null)
    {
        var contentRoot = TempDirectory.Create("host");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        var logs = new CollectingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        var consentKit = builder.Services.AddConsentKit(options =>
        {
            options.Categories.Add(new ConsentCategoryOptions { Key = "necessary", Required = true });
            options.Categories.Add(new ConsentCategoryOptions { Key = "analytics", Title = "Analytics" });
            options.Records.OutboxReplayInterval = TimeSpan.FromMilliseconds(200);
            options.Records.StoreTimeout = TimeSpan.FromSeconds(3);
            configureRecords?.Invoke(options.Records);
        });
        if (database is not null)
        {
            builder.Services.AddDbContext<TestDbContext>(database.Configure);
            consentKit.AddEntityFrameworkCoreStore<TestDbContext>();
        }

        var app = builder.Build();
        app.UseConsentKit();
        app.MapConsentKit();
        app.MapGet("/token", (HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!);
        app.MapPost("/track/grant", (HttpContext context) => context.Features.Get<ITrackingConsentFeature>()!.GrantConsent());
        await app.StartAsync();
        return new RecordsTestHost(app, contentRoot, logs);
    }

    public DecisionClient CreateClient() => new(_app.GetTestClient());

    public HttpClient CreateHttpClient() => _app.GetTestClient();

    public async Task<IReadOnlyList<ConsentRecord>> FindAsync(string consentId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IConsentRecordStore>().FindByConsentIdAsync(consentId);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        TempDirectory.Delete(ContentRoot);
    }
}
