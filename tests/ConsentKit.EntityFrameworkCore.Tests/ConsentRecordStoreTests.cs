using System.Text.Json;
using ConsentKit.EntityFrameworkCore.Tests.Infrastructure;
using ConsentKit.Records;
using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>The store's contract, run against every real database the package supports.</summary>
public abstract class ConsentRecordStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    protected abstract string Provider { get; }

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        await _database.EnsureCreatedAsync();
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AppendAsync_NewRecord_IsFoundWithEveryField()
    {
        var record = NewRecord("visitor-a", DateTimeOffset.UtcNow);

        var added = await WithStore(store => store.AppendAsync(record));
        var found = await WithStore(store => store.FindByIdAsync(record.Id));

        Assert.True(added);
        Assert.NotNull(found);
        Assert.Equal(record.ConsentId, found.ConsentId);
        Assert.Equal(record.RecordedAt.UtcTicks / 10, found.RecordedAt.UtcTicks / 10); // providers keep microseconds
        Assert.Equal(TimeSpan.Zero, found.RecordedAt.Offset);
        Assert.Equal(record.PolicyRevision, found.PolicyRevision);
        Assert.Equal(record.PolicyHash, found.PolicyHash);
        Assert.Equal(["necessary", "analytics"], found.Granted);
        Assert.Empty(found.Denied);
        Assert.Equal(ConsentAction.AcceptAll, found.Action);
        Assert.Equal("/pricing", found.PageUrl);
        Assert.Equal("Mozilla/5.0 (test)", found.UserAgent);
        Assert.Equal("203.0.113.0", found.IpAddress);
    }

    [Fact]
    public async Task AppendAsync_SameIdTwice_KeepsOneRecord()
    {
        var record = NewRecord("visitor-a", DateTimeOffset.UtcNow);

        var first = await WithStore(store => store.AppendAsync(record));
        var second = await WithStore(store => store.AppendAsync(record));

        Assert.True(first);
        Assert.False(second);
        Assert.Single(await WithStore(store => store.FindByConsentIdAsync("visitor-a")));
    }

    [Fact]
    public async Task FindByConsentIdAsync_SeveralVisitors_ReturnsOnlyTheirsOldestFirst()
    {
        var now = DateTimeOffset.UtcNow;
        var newer = NewRecord("visitor-a", now, ConsentAction.Withdrawal);
        var older = NewRecord("visitor-a", now.AddMinutes(-5));
        await WithStore(store => store.AppendAsync(newer));
        await WithStore(store => store.AppendAsync(older));
        await WithStore(store => store.AppendAsync(NewRecord("visitor-b", now)));

        var found = await WithStore(store => store.FindByConsentIdAsync("visitor-a"));

        Assert.Equal([older.Id, newer.Id], found.Select(r => r.Id));
        Assert.Equal(ConsentAction.Withdrawal, found[1].Action);
    }

    [Fact]
    public async Task WriteJsonAsync_FoundRecords_ExportsThemAsAJsonArray()
    {
        var record = NewRecord("visitor-a", DateTimeOffset.UtcNow);
        await WithStore(store => store.AppendAsync(record));
        var found = await WithStore(store => store.FindByConsentIdAsync("visitor-a"));
        using var stream = new MemoryStream();

        await ConsentRecordExport.WriteJsonAsync(stream, found, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(stream.ToArray());
        var exported = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(record.Id, exported.GetProperty("id").GetGuid());
        Assert.Equal("visitor-a", exported.GetProperty("consentId").GetString());
        Assert.Equal("AcceptAll", exported.GetProperty("action").GetString());
        Assert.Equal("analytics", exported.GetProperty("granted")[1].GetString());
    }

    [Fact]
    public async Task EraseByConsentIdAsync_TwoVisitors_ErasesOnlyTheOne()
    {
        var now = DateTimeOffset.UtcNow;
        await WithStore(store => store.AppendAsync(NewRecord("visitor-a", now)));
        await WithStore(store => store.AppendAsync(NewRecord("visitor-a", now.AddSeconds(1))));
        await WithStore(store => store.AppendAsync(NewRecord("visitor-b", now)));

        var erased = await WithStore(store => store.EraseByConsentIdAsync("visitor-a"));

        Assert.Equal(2, erased);
        Assert.Empty(await WithStore(store => store.FindByConsentIdAsync("visitor-a")));
        Assert.Single(await WithStore(store => store.FindByConsentIdAsync("visitor-b")));
    }

    [Fact]
    public async Task PurgeOlderThanAsync_OldAndNewRecords_ErasesOnlyTheOldOnes()
    {
        var now = DateTimeOffset.UtcNow;
        var old = NewRecord("visitor-a", now.AddDays(-1200));
        var recent = NewRecord("visitor-a", now.AddDays(-10));
        await WithStore(store => store.AppendAsync(old));
        await WithStore(store => store.AppendAsync(recent));

        var purged = await WithStore(store => store.PurgeOlderThanAsync(now.AddDays(-1095)));

        Assert.Equal(1, purged);
        Assert.Equal([recent.Id], (await WithStore(store => store.FindByConsentIdAsync("visitor-a"))).Select(r => r.Id));
    }

    [Fact]
    public async Task AppendAsync_ContextWithoutConsentRecords_ThrowsNamingTheFix()
    {
        var options = new DbContextOptionsBuilder<EmptyDbContext>();
        _database.Configure(options);
        await using var db = new EmptyDbContext(options.Options);
        var store = new EntityFrameworkCoreConsentRecordStore<EmptyDbContext>(db);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(NewRecord("visitor-a", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken));

        Assert.Contains("AddConsentRecords()", error.Message, StringComparison.Ordinal);
    }

    internal static ConsentRecord NewRecord(string consentId, DateTimeOffset at, ConsentAction action = ConsentAction.AcceptAll) => new()
    {
        Id = Guid.CreateVersion7(at),
        ConsentId = consentId,
        RecordedAt = at,
        PolicyRevision = 3,
        PolicyHash = new string('a', 64),
        Granted = ["necessary", "analytics"],
        Denied = [],
        Action = action,
        PageUrl = "/pricing",
        UserAgent = "Mozilla/5.0 (test)",
        IpAddress = "203.0.113.0",
    };

    private async Task<T> WithStore<T>(Func<IConsentRecordStore, Task<T>> action)
    {
        await using var db = _database.CreateContext();
        return await action(new EntityFrameworkCoreConsentRecordStore<TestDbContext>(db));
    }

    private sealed class EmptyDbContext(DbContextOptions<EmptyDbContext> options) : DbContext(options);
}

public sealed class SqliteConsentRecordStoreTests : ConsentRecordStoreTests
{
    protected override string Provider => "Sqlite";
}

public sealed class PostgresConsentRecordStoreTests : ConsentRecordStoreTests
{
    protected override string Provider => "Postgres";
}
