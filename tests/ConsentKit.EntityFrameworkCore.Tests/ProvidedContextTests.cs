using ConsentKit.EntityFrameworkCore.Tests.Infrastructure;
using ConsentKit.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>Records in the provided <see cref="ConsentRecordDbContext"/>, with a table name and schema of the application's choice.</summary>
public sealed class ProvidedContextTests
{
    [Theory]
    [InlineData("Sqlite", null)]
    [InlineData("Postgres", "privacy")]
    public async Task AppendAsync_ConfiguredTableAndSchema_WritesIntoThatTable(string provider, string? schema)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = BuildServices(database, "consent_log", schema);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRecordDbContext>().Database.EnsureCreatedAsync(cancellation);
            await scope.ServiceProvider.GetRequiredService<IConsentRecordStore>().AppendAsync(ConsentRecordStoreTests.NewRecord("visitor-a", DateTimeOffset.UtcNow), cancellation);
        }

        await using var db = database.CreateContext();
        var table = schema is null ? "\"consent_log\"" : $"\"{schema}\".\"consent_log\"";
        var sql = "SELECT COUNT(*) AS \"Value\" FROM " + table + " WHERE \"ConsentId\" = 'visitor-a'"; // test-made names only
        var count = await db.Database.SqlQueryRaw<int>(sql).SingleAsync(cancellation);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Model_TwoTableNames_AreTwoModels()
    {
        await using var database = new SqliteTestDatabase();
        await using var first = BuildServices(database, "first_records", null);
        await using var second = BuildServices(database, "second_records", null);
        await using var firstScope = first.CreateAsyncScope();
        await using var secondScope = second.CreateAsyncScope();

        var firstTable = firstScope.ServiceProvider.GetRequiredService<ConsentRecordDbContext>().Model.FindEntityType(typeof(ConsentRecord))!.GetTableName();
        var secondTable = secondScope.ServiceProvider.GetRequiredService<ConsentRecordDbContext>().Model.FindEntityType(typeof(ConsentRecord))!.GetTableName();

        Assert.Equal("first_records", firstTable);
        Assert.Equal("second_records", secondTable);
    }

    private static ServiceProvider BuildServices(TestDatabase database, string tableName, string? schema)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConsentKit().AddEntityFrameworkCoreStore(database.Configure, table =>
        {
            table.TableName = tableName;
            table.Schema = schema;
        });
        return services.BuildServiceProvider(validateScopes: true);
    }
}
