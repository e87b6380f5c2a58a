using Microsoft.EntityFrameworkCore;

namespace ConsentKit.Sample.Data;

/// <summary>The sample site's own database; ConsentKit keeps its consent records in it.</summary>
public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options)
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddConsentRecords();
}
