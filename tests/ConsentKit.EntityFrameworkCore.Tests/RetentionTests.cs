using ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

namespace ConsentKit.EntityFrameworkCore.Tests;

public sealed class RetentionTests
{
    [Fact]
    public async Task StartAsync_RecordsOlderThanRetention_PurgesThemAndKeepsTheRest()
    {
        await using var database = new SqliteTestDatabase();
        await database.EnsureCreatedAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var db = database.CreateContext())
        {
            db.AddRange(
                ConsentRecordStoreTests.NewRecord("old", now.AddDays(-40)),
                ConsentRecordStoreTests.NewRecord("recent", now.AddDays(-20)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var host = await RecordsTestHost.StartAsync(database, records => records.Retention = TimeSpan.FromDays(30));

        // The purge logs once its delete has committed: wait for both, or a check right after the delete races the log.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (((await host.FindAsync("old")).Count > 0 || !host.Logs.Entries.Any(e => e.Id.Id == 26)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Empty(await host.FindAsync("old"));
        Assert.Single(await host.FindAsync("recent"));
        Assert.Contains(host.Logs.Entries, e => e.Id.Id == 26);
    }
}
