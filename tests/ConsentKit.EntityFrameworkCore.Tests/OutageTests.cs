using ConsentKit.EntityFrameworkCore.Tests.Infrastructure;
using ConsentKit.Records;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>
/// The database goes away while visitors decide: every decision is still honoured, its record waits in the
/// outbox, and when the database is back every record arrives exactly once.
/// </summary>
public sealed class OutageTests
{
    private const int DecisionsBefore = 20;
    private const int DecisionsDuring = 40;

    [Fact]
    public async Task Decide_PostgresUnreachableThenBack_EveryRecordArrivesExactlyOnce()
    {
        await using var database = (PostgresTestDatabase)await TestDatabase.CreateAsync("Postgres");
        await database.EnsureCreatedAsync();
        await using var host = await RecordsTestHost.StartAsync(database);

        await RunOutageAsync(
            host,
            database,
            takeOffline: () => PostgresServer.TakeOfflineAsync(database.Name),
            bringOnline: () => PostgresServer.BringOnlineAsync(database.Name));
    }

    [Fact]
    public async Task Decide_SqliteLockedThenReleased_EveryRecordArrivesExactlyOnce()
    {
        await using var database = new SqliteTestDatabase(busyTimeoutSeconds: 1);
        await database.EnsureCreatedAsync();
        await using var host = await RecordsTestHost.StartAsync(database);
        SqliteConnection? locker = null;

        await RunOutageAsync(
            host,
            database,
            takeOffline: async () =>
            {
                // Another process holds the write lock for the whole outage: every insert times out.
                locker = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
                await locker.OpenAsync();
                await using var command = locker.CreateCommand();
                command.CommandText = "BEGIN EXCLUSIVE;";
                await command.ExecuteNonQueryAsync();
            },
            bringOnline: async () =>
            {
                await using var command = locker!.CreateCommand();
                command.CommandText = "COMMIT;";
                await command.ExecuteNonQueryAsync();
                await locker.DisposeAsync();
            });
    }

    [Fact]
    public async Task PostErase_RecordStillInTheOutbox_ErasesItTooAndItNeverComesBack()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = (PostgresTestDatabase)await TestDatabase.CreateAsync("Postgres");
        await database.EnsureCreatedAsync();

        // No replay but the one at start-up: only the erasure can move the record out of the outbox.
        await using var host = await RecordsTestHost.StartAsync(database, records => records.OutboxReplayInterval = TimeSpan.FromHours(1));
        var client = host.CreateClient();
        await client.InitializeAsync("/token");
        await Task.Delay(300, cancellation); // the start-up replay has run
        await PostgresServer.TakeOfflineAsync(database.Name);
        DecisionResult decided;
        try
        {
            decided = await client.DecideAsync("accept-all", keepCookie: true, cancellationToken: cancellation);
        }
        finally
        {
            await PostgresServer.BringOnlineAsync(database.Name);
        }

        var outbox = Path.Combine(host.ContentRoot, "App_Data", "consentkit-outbox");
        Assert.True(decided.Acknowledged);
        Assert.NotEmpty(Directory.GetFiles(outbox));

        using var erased = await client.EraseAsync();

        Assert.Equal(System.Net.HttpStatusCode.SeeOther, erased.StatusCode);
        Assert.Empty(Directory.GetFiles(outbox));
        Assert.Empty(await host.FindAsync(decided.ConsentId!));
    }

    [Fact]
    public async Task Decide_StoreDownAndOutboxUnwritable_Returns503AndWritesNoConsentCookie()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = (PostgresTestDatabase)await TestDatabase.CreateAsync("Postgres");
        await database.EnsureCreatedAsync();
        var blocker = Path.Combine(TempDirectory.Create("blocked"), "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory", cancellation);
        await using var host = await RecordsTestHost.StartAsync(database, records => records.OutboxDirectory = Path.Combine(blocker, "outbox"));
        var client = host.CreateClient();
        await client.InitializeAsync("/token");
        await PostgresServer.TakeOfflineAsync(database.Name);
        DecisionResult result;
        try
        {
            result = await client.DecideAsync("accept-all", cancellationToken: cancellation);
        }
        finally
        {
            await PostgresServer.BringOnlineAsync(database.Name);
        }

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.False(result.SetsConsentCookie);
        Assert.Contains(host.Logs.Entries, e => e.Id.Id == 22 && e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
    }

    private static async Task RunOutageAsync(RecordsTestHost host, TestDatabase database, Func<Task> takeOffline, Func<Task> bringOnline)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var client = host.CreateClient();
        await client.InitializeAsync("/token");
        var acknowledged = new List<string>();

        for (var i = 0; i < DecisionsBefore; i++)
        {
            var result = await client.DecideAsync("accept-all", cancellationToken: cancellation);
            Assert.True(result.Acknowledged);
            acknowledged.Add(result.ConsentId!);
        }

        await takeOffline();
        try
        {
            await Parallel.ForAsync(0, DecisionsDuring, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation }, async (i, ct) =>
            {
                var result = await client.DecideAsync(i % 2 == 0 ? "accept-all" : "reject-all", cancellationToken: ct);
                Assert.True(result.Acknowledged, $"decision {i} during the outage answered {result.Status}");
                lock (acknowledged)
                {
                    acknowledged.Add(result.ConsentId!);
                }
            });

            // The store failed, and the outbox took the records.
            Assert.Equal(DecisionsDuring, host.Logs.Entries.Count(e => e.Id.Id == 21));
        }
        finally
        {
            await bringOnline();
        }

        // The replay service runs every 200 ms; give it a bounded while.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await CountAsync(database) < acknowledged.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, cancellation);
        }

        await Task.Delay(600, cancellation); // two more replay rounds: nothing may arrive twice
        await using var db = database.CreateContext();
        var records = await db.Set<ConsentRecord>().AsNoTracking().ToListAsync(cancellation);
        Assert.Equal(acknowledged.Count, records.Count);
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), records.Select(r => r.ConsentId).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(host.ContentRoot, "App_Data", "consentkit-outbox")));
    }

    private static async Task<int> CountAsync(TestDatabase database)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = database.CreateContext();
                return await db.Set<ConsentRecord>().CountAsync();
            }
            catch (Exception) when (attempt < 3)
            {
                await Task.Delay(200);
            }
        }
    }
}
