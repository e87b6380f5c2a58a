using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>
/// A context that holds only consent records, for applications that do not want them in their own context.
/// Registered by <c>AddEntityFrameworkCoreStore(options =&gt; ...)</c>; create its table with
/// <c>Database.EnsureCreated()</c> or a migration.
/// </summary>
public class ConsentRecordDbContext : DbContext
{
    private readonly ConsentRecordTableOptions _table;

    /// <summary>Creates the context; dependency injection calls this.</summary>
    /// <param name="options">The database to use.</param>
    /// <param name="table">Where the records live.</param>
    public ConsentRecordDbContext(DbContextOptions<ConsentRecordDbContext> options, IOptions<ConsentRecordTableOptions> table)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table.Value;
    }

    /// <summary>Gets the table and schema this context maps, part of its model cache key.</summary>
    internal (string Table, string? Schema) TableKey => (_table.TableName, _table.Schema);

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddConsentRecords(table =>
        {
            table.TableName = _table.TableName;
            table.Schema = _table.Schema;
        });
    }
}
