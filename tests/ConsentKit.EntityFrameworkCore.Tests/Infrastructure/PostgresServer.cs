using Npgsql;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>The PostgreSQL server of the test run, named by <c>CONSENTKIT_TEST_POSTGRES</c> (set by <c>./test.sh</c>).</summary>
internal static class PostgresServer
{
    public const string Variable = "CONSENTKIT_TEST_POSTGRES";

    /// <summary>Gets the connection string, or fails the test (never skips it) when the server is not configured.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests cannot run. Run the tests with ./test.sh, which starts a throw-away PostgreSQL server and sets {Variable}.");

    /// <summary>Creates an empty database of its own for one test and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public static Task DropDatabaseAsync(string name) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>Makes a database unreachable (as an outage would): no new connection, open ones cut.</summary>
    public static async Task TakeOfflineAsync(string name)
    {
        await ExecuteAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
    }

    public static Task BringOnlineAsync(string name) =>
        ExecuteAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
