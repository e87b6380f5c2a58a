using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A SQLite file in a temporary directory of its own.</summary>
internal sealed class SqliteTestDatabase : TestDatabase
{
    public SqliteTestDatabase()
        : this(TempDirectory.Create("sqlite"))
    {
    }

    private SqliteTestDatabase(string directory)
        : base(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "records.db"),
            DefaultTimeout = 5, // seconds a writer waits for a lock before it fails
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
