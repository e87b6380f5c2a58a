namespace ConsentKit.Records;

/// <summary>
/// Keeps consent records durably, in a database shared by every instance of the site.
/// ConsentKit appends one record per decision; staff find, export and erase records by consent id.
/// Register one with a storage package, for example <c>AddConsentKit().AddEntityFrameworkCoreStore&lt;TContext&gt;()</c>.
/// </summary>
public interface IConsentRecordStore
{
    /// <summary>
    /// Stores a record durably, unless a record with the same <see cref="ConsentRecord.Id"/> is stored already,
    /// so appending again after a failure never makes a duplicate.
    /// </summary>
    /// <param name="record">The record to keep.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the record was added; <see langword="false"/> when it was there already.</returns>
    Task<bool> AppendAsync(ConsentRecord record, CancellationToken cancellationToken = default);

    /// <summary>Finds every record of a consent id, oldest first.</summary>
    /// <param name="consentId">The consent id, as carried by the visitor's cookie or shown in an earlier export.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The records, oldest first; empty when there are none.</returns>
    Task<IReadOnlyList<ConsentRecord>> FindByConsentIdAsync(string consentId, CancellationToken cancellationToken = default);

    /// <summary>Finds one record by its id.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record, or <see langword="null"/> when there is none.</returns>
    Task<ConsentRecord?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Erases every record of a consent id (the visitor's right to erasure).</summary>
    /// <param name="consentId">The consent id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many records were erased.</returns>
    Task<int> EraseByConsentIdAsync(string consentId, CancellationToken cancellationToken = default);

    /// <summary>Erases every record made before <paramref name="cutoff"/> (retention).</summary>
    /// <param name="cutoff">Records older than this instant are erased.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many records were erased.</returns>
    Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
