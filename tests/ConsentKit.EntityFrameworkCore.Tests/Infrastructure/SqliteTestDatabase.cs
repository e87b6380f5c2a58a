using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A SQLite file in a temporary directory of its own.</summary>
internal sealed class SqliteTestDatabase : TestDatabase
{
    public SqliteTestDatabase(int busyTimeoutSeconds = 5)
        : this(TempDirectory.Create("sqlite"), busyTimeoutSeconds)
    {
    }

    private SqliteTestDatabase(string directory, int busyTimeoutSeconds)
        : base(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "records.db"),
            DefaultTimeout = busyTimeoutSeconds, // seconds a writer waits for a lock before it fails
        }.ToString())
    {
        Directory = directory;
    }

    public string Directory { get; }

    public override string Provider => "Sqlite";

    public override void Configure(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(Directory);
        return ValueTask.CompletedTask;
    }
}
