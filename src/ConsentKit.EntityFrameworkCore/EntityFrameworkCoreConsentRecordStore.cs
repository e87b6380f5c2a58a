using ConsentKit.Records;
using Microsoft.EntityFrameworkCore;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>
/// Keeps consent records in <typeparamref name="TContext"/>, whose model maps them with
/// <see cref="ConsentRecordModelBuilderExtensions.AddConsentRecords"/>. Works with any relational provider.
/// </summary>
/// <typeparam name="TContext">The context that holds the records.</typeparam>
internal sealed class EntityFrameworkCoreConsentRecordStore<TContext> : IConsentRecordStore
    where TContext : DbContext
{
    private readonly TContext _context;

    public EntityFrameworkCoreConsentRecordStore(TContext context) => _context = context;

    private DbSet<ConsentRecord> Records
    {
        get
        {
            if (_context.Model.FindEntityType(typeof(ConsentRecord)) is null)
            {
                throw new InvalidOperationException(
                    $"{typeof(TContext).Name} does not map consent records. Call modelBuilder.AddConsentRecords() in its OnModelCreating, then create the table with a migration or Database.EnsureCreated().");
            }

            return _context.Set<ConsentRecord>();
        }
    }

    public async Task<bool> AppendAsync(ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var set = Records;
        var copy = Copy(record); // never track the caller's instance
        set.Add(copy);
        try
        {
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // Insert-if-absent for every provider: a key violation means the record is there already
            // (a replay of the outbox, or a retry after a commit whose answer was lost).
            _context.Entry(copy).State = EntityState.Detached;
            if (await set.AsNoTracking().AnyAsync(r => r.Id == record.Id, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            throw;
        }
        finally
        {
            _context.Entry(copy).State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyList<ConsentRecord>> FindByConsentIdAsync(string consentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consentId);
        var records = await Records.AsNoTracking().Where(r => r.ConsentId == consentId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return records.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).ToArray();
    }

    public Task<ConsentRecord?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default) =>
        Records.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<int> EraseByConsentIdAsync(string consentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consentId);
        return Records.Where(r => r.ConsentId == consentId).ExecuteDeleteAsync(cancellationToken);
    }

    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        Records.Where(r => r.RecordedAt < cutoff).ExecuteDeleteAsync(cancellationToken);

    private static ConsentRecord Copy(ConsentRecord record) => new()
    {
        Id = record.Id,
        ConsentId = record.ConsentId,
        RecordedAt = record.RecordedAt.ToUniversalTime(),
        PolicyRevision = record.PolicyRevision,
        PolicyHash = record.PolicyHash,
        Granted = record.Granted.ToArray(),
        Denied = record.Denied.ToArray(),
        Action = record.Action,
        PageUrl = record.PageUrl,
        UserAgent = record.UserAgent,
        IpAddress = record.IpAddress,
    };
}
