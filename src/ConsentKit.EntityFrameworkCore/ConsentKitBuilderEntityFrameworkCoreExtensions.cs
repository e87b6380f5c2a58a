using ConsentKit.EntityFrameworkCore;
using ConsentKit.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps ConsentKit's consent records in an Entity Framework Core database.</summary>
public static class ConsentKitBuilderEntityFrameworkCoreExtensions
{
    /// <summary>
    /// Keeps consent records in the application's own <typeparamref name="TContext"/>, registered with
    /// <c>AddDbContext</c>, whose <c>OnModelCreating</c> calls <c>modelBuilder.AddConsentRecords()</c>.
    /// No migration is forced on the application: add one, or call <c>Database.EnsureCreated()</c>.
    /// </summary>
    /// <typeparam name="TContext">The application's context.</typeparam>
    /// <param name="builder">The builder that <c>AddConsentKit()</c> returned.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ConsentKitBuilder AddEntityFrameworkCoreStore<TContext>(this ConsentKitBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Scoped<IConsentRecordStore, EntityFrameworkCoreConsentRecordStore<TContext>>());
        return builder;
    }

    /// <summary>
    /// Keeps consent records in a context of their own, <see cref="ConsentRecordDbContext"/>, on the database that
    /// <paramref name="configureDatabase"/> chooses (for example <c>options =&gt; options.UseSqlite(connectionString)</c>).
    /// Create its table with <c>Database.EnsureCreated()</c> or a migration.
    /// </summary>
    /// <param name="builder">The builder that <c>AddConsentKit()</c> returned.</param>
    /// <param name="configureDatabase">Chooses the provider and the connection.</param>
    /// <param name="configureTable">Changes the table name or schema.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ConsentKitBuilder AddEntityFrameworkCoreStore(
        this ConsentKitBuilder builder,
        Action<DbContextOptionsBuilder> configureDatabase,
        Action<ConsentRecordTableOptions>? configureTable = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureDatabase);
        var table = builder.Services.AddOptions<ConsentRecordTableOptions>();
        if (configureTable is not null)
        {
            table.Configure(configureTable);
        }

        builder.Services.AddDbContext<ConsentRecordDbContext>(options =>
        {
            configureDatabase(options);
            options.ReplaceService<IModelCacheKeyFactory, ConsentRecordModelCacheKeyFactory>();
        });
        return builder.AddEntityFrameworkCoreStore<ConsentRecordDbContext>();
    }
}
