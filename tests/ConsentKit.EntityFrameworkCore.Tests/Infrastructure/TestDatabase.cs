using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A real, empty database of one test: a SQLite file in a temporary directory, or a PostgreSQL database of its own.</summary>
internal abstract class TestDatabase : IAsyncDisposable
{
    protected TestDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public abstract string Provider { get; }

    public abstract void Configure(DbContextOptionsBuilder options);

    public TestDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        Configure(options);
        return new TestDbContext(options.Options);
    }

    public async Task EnsureCreatedAsync()
    {
        await using var db = CreateContext();
        await db.Database.EnsureCreatedAsync();
    }

    public abstract ValueTask DisposeAsync();

    public static async Task<TestDatabase> CreateAsync(string provider) => provider switch
    {
        "Sqlite" => new SqliteTestDatabase(),
        "Postgres" => await PostgresTestDatabase.CreateAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Use Sqlite or Postgres."),
    };
}
