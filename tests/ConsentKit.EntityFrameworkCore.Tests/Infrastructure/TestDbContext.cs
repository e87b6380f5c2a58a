using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>An application's own context, with the consent records mapped into it.</summary>
internal sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddConsentRecords();
}
