using System.Text.Json;

namespace ConsentKit.Records;

/// <summary>Writes consent records as JSON, the format of the visitor's download and of staff exports.</summary>
public static class ConsentRecordExport
{
    /// <summary>Writes the records as a JSON array (camelCase properties, actions as text, times in ISO 8601 UTC).</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="records">The records, typically from <see cref="IConsentRecordStore.FindByConsentIdAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the records are written.</returns>
    public static Task WriteJsonAsync(Stream stream, IReadOnlyList<ConsentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        return JsonSerializer.SerializeAsync(stream, records, ConsentRecordJsonContext.Default.IReadOnlyListConsentRecord, cancellationToken);
    }
}
