using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A PostgreSQL database of its own, dropped at the end of the test.</summary>
internal sealed class PostgresTestDatabase : TestDatabase
{
    private PostgresTestDatabase(string name, string connectionString)
        : base(connectionString)
    {
        Name = name;
    }

    public string Name { get; }

    public override string Provider => "Postgres";

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var name = "ck_" + Guid.NewGuid().ToString("N")[..16];
        return new PostgresTestDatabase(name, await PostgresServer.CreateDatabaseAsync(name));
    }

    public override void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.DropDatabaseAsync(Name);
    }
}
