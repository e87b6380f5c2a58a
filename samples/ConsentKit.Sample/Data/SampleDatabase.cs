using Microsoft.EntityFrameworkCore;

namespace ConsentKit.Sample.Data;

/// <summary>
/// Chooses the sample's database and creates it on first run. SQLite (an embedded file in App_Data) by default;
/// PostgreSQL when <c>Sample:Database</c> is <c>Postgres</c>, with <c>ConnectionStrings:ConsentRecords</c>.
/// A real site would rather use migrations (<c>dotnet ef migrations add ConsentRecords</c>).
/// </summary>
internal static class SampleDatabase
{
    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString("ConsentRecords");
        if (string.Equals(configuration["Sample:Database"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            options.UseNpgsql(connectionString ?? throw new InvalidOperationException(
                "Sample:Database is Postgres but ConnectionStrings:ConsentRecords is missing. Set it to an Npgsql connection string."));
            return;
        }

        if (connectionString is null)
        {
            var directory = Path.Combine(environment.ContentRootPath, "App_Data");
            Directory.CreateDirectory(directory);
            connectionString = $"Data Source={Path.Combine(directory, "consent-records.db")}";
        }

        options.UseSqlite(connectionString);
    }

    public static async Task EnsureCreatedAsync(IServiceProvider services)
    {
        // Several instances may start at once against one database: whoever loses the race tries again and finds the table.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
                await db.Database.EnsureCreatedAsync();
                if (db.Database.IsSqlite())
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;"); // readers never wait for writers
                }

                return;
            }
            catch (Exception) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }
}
