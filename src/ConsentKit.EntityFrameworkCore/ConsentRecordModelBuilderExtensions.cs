using ConsentKit;
using ConsentKit.Configuration;
using ConsentKit.EntityFrameworkCore;
using ConsentKit.Records;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds consent records to an application's own Entity Framework Core model.</summary>
public static class ConsentRecordModelBuilderExtensions
{
    // Category keys are 1 to 32 characters and there are at most 64 of them.
    private const int MaxCategoryListLength = 64 * 33;

    /// <summary>
    /// Maps <see cref="ConsentRecord"/> to a table (<c>ConsentRecords</c> by default). Call it from the
    /// context's <c>OnModelCreating</c>, then create the table with a migration
    /// (<c>dotnet ef migrations add ConsentRecords</c>) or <c>Database.EnsureCreated()</c>.
    /// </summary>
    /// <param name="modelBuilder">The context's model builder.</param>
    /// <param name="configure">Changes the table name or schema.</param>
    /// <returns>The same model builder, for chaining.</returns>
    public static ModelBuilder AddConsentRecords(this ModelBuilder modelBuilder, Action<ConsentRecordTableOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var table = new ConsentRecordTableOptions();
        configure?.Invoke(table);

        var categories = new ValueComparer<IReadOnlyList<string>>(
            (a, b) => a!.SequenceEqual(b!),
            list => list.Aggregate(0, (hash, key) => HashCode.Combine(hash, key.GetHashCode(StringComparison.Ordinal))),
            list => list.ToArray());

        modelBuilder.Entity<ConsentRecord>(record =>
        {
            record.ToTable(table.TableName, table.Schema);
            record.HasKey(r => r.Id);
            record.Property(r => r.Id).ValueGeneratedNever();
            record.Property(r => r.ConsentId).HasMaxLength(64).IsRequired();
            record.HasIndex(r => r.ConsentId);

            // Stored as a UTC date and time: every provider orders and compares it, so retention can purge by date.
            record.Property(r => r.RecordedAt).HasConversion(
                value => value.UtcDateTime,
                value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));
            record.HasIndex(r => r.RecordedAt);

            record.Property(r => r.PolicyHash).HasMaxLength(64).IsRequired();
            record.Property(r => r.Granted).HasMaxLength(MaxCategoryListLength).IsRequired()
                .HasConversion(
                    keys => string.Join(',', keys),
                    text => text.Length == 0 ? Array.Empty<string>() : text.Split(',', StringSplitOptions.None),
                    categories);
            record.Property(r => r.Denied).HasMaxLength(MaxCategoryListLength).IsRequired()
                .HasConversion(
                    keys => string.Join(',', keys),
                    text => text.Length == 0 ? Array.Empty<string>() : text.Split(',', StringSplitOptions.None),
                    categories);
            record.Property(r => r.Action).HasConversion<string>().HasMaxLength(32);
            record.Property(r => r.PageUrl).HasMaxLength(2048);
            record.Property(r => r.UserAgent).HasMaxLength(ConsentRecordOptions.MaxUserAgentLength);
            record.Property(r => r.IpAddress).HasMaxLength(45);
        });

        return modelBuilder;
    }
}
