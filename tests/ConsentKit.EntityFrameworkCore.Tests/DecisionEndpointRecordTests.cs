using System.Net;
using System.Text.Json;
using ConsentKit.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>Decisions through the real endpoint on a TestServer, with the records in a real database.</summary>
public abstract class DecisionEndpointRecordTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private RecordsTestHost _host = null!;

    protected abstract string Provider { get; }

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        await _database.EnsureCreatedAsync();
        _host = await RecordsTestHost.StartAsync(_database);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Decide_1000ConcurrentDecisions_MakesExactly1000Records()
    {
        var client = _host.CreateClient();
        await client.InitializeAsync("/token");
        var consentIds = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForAsync(
            0,
            1000,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken },
            async (i, ct) =>
            {
                var result = await client.DecideAsync(i % 3 == 0 ? "reject-all" : "accept-all", cancellationToken: ct);
                Assert.True(result.Acknowledged, $"decision {i} answered {result.Status}");
                consentIds.Add(result.ConsentId!);
            });

        await using var db = _database.CreateContext();
        var records = await db.Set<ConsentKit.Records.ConsentRecord>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1000, records.Count);
        Assert.Equal(1000, records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(consentIds.Order(StringComparer.Ordinal), records.Select(r => r.ConsentId).Order(StringComparer.Ordinal));
        Assert.Equal(334, records.Count(r => r.Action == ConsentAction.RejectAll));
        Assert.Empty(Directory.Exists(Path.Combine(_host.ContentRoot, "App_Data", "consentkit-outbox"))
            ? Directory.GetFiles(Path.Combine(_host.ContentRoot, "App_Data", "consentkit-outbox"))
            : []);
    }

    [Fact]
    public async Task GetRecords_AfterAcceptThenWithdrawal_DownloadsBothAsAnAttachment()
    {
        var client = _host.CreateClient();
        await client.InitializeAsync("/token");
        var first = await client.DecideAsync("accept-all", keepCookie: true, cancellationToken: TestContext.Current.CancellationToken);
        await client.DecideAsync("save", categories: [], keepCookie: true, cancellationToken: TestContext.Current.CancellationToken);

        using var response = await client.GetAsync("/_consent/records");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var records = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, records.Length);
        Assert.All(records, r => Assert.Equal(first.ConsentId, r.GetProperty("consentId").GetString()));
        Assert.Equal("AcceptAll", records[0].GetProperty("action").GetString());
        Assert.Equal("Withdrawal", records[1].GetProperty("action").GetString());
        Assert.Equal("analytics", records[1].GetProperty("denied")[0].GetString());
        Assert.Equal(64, records[0].GetProperty("policyHash").GetString()!.Length);
    }

    [Fact]
    public async Task GetRecords_NoDecision_Returns404()
    {
        var client = _host.CreateClient();
        await client.InitializeAsync("/token");

        using var response = await client.GetAsync("/_consent/records");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostErase_AfterDecisions_ErasesTheVisitorsRecordsAndClearsTheCookie()
    {
        var client = _host.CreateClient();
        await client.InitializeAsync("/token");
        var mine = await client.DecideAsync("accept-all", keepCookie: true, cancellationToken: TestContext.Current.CancellationToken);
        var other = await InitAndDecide(_host.CreateClient());

        using var response = await client.EraseAsync();

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/privacy", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".ConsentKit=;", StringComparison.Ordinal));
        Assert.Empty(await _host.FindAsync(mine.ConsentId!));
        Assert.Single(await _host.FindAsync(other.ConsentId!));
    }

    [Fact]
    public async Task PostErase_CrossSiteOrigin_IsRefusedAndErasesNothing()
    {
        var client = _host.CreateClient();
        await client.InitializeAsync("/token");
        var mine = await client.DecideAsync("accept-all", keepCookie: true, cancellationToken: TestContext.Current.CancellationToken);

        using var response = await client.EraseAsync(origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single(await _host.FindAsync(mine.ConsentId!));
    }

    [Fact]
    public async Task GrantConsent_ThroughITrackingConsentFeature_RecordsTheDecisionToo()
    {
        var http = _host.CreateHttpClient();

        using var response = await http.PostAsync("/track/grant", null, TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<ConsentKit.Records.ConsentRecord> records;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            await using var db = _database.CreateContext();
            records = await db.Set<ConsentKit.Records.ConsentRecord>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        }
        while (records.Count == 0 && DateTime.UtcNow < deadline);

        var record = Assert.Single(records);
        Assert.Equal(ConsentAction.AcceptAll, record.Action);
        Assert.Equal(["necessary", "analytics"], record.Granted);
    }

    private static async Task<DecisionResult> InitAndDecide(DecisionClient client)
    {
        await client.InitializeAsync("/token");
        return await client.DecideAsync("reject-all", cancellationToken: TestContext.Current.CancellationToken);
    }
}

public sealed class SqliteDecisionEndpointRecordTests : DecisionEndpointRecordTests
{
    protected override string Provider => "Sqlite";
}

public sealed class PostgresDecisionEndpointRecordTests : DecisionEndpointRecordTests
{
    protected override string Provider => "Postgres";
}
