using System.Text.Json;
using ConsentKit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.Records;

/// <summary>
/// Where records go when the store cannot take them: append-only files of JSON lines, each record flushed to
/// disk (fsync) before the decision is acknowledged. Each instance writes its own segment file, holding a
/// shared lock on it; a replay takes a segment with an exclusive lock, so a segment another instance still
/// writes is left alone, and a segment left by a crashed process is picked up. Replaying appends records
/// with insert-if-absent, so a segment replayed twice makes no duplicates.
/// </summary>
internal sealed class ConsentRecordOutbox : IDisposable
{
    private const string FilePattern = "outbox-*.jsonl";
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ILogger _logger;
    private FileStream? _segment;

    public ConsentRecordOutbox(IOptions<ConsentKitOptions> options, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        Directory = Path.GetFullPath(Path.Combine(root, options.Value.Records.OutboxDirectory));
        _logger = loggerFactory.CreateLogger("ConsentKit");
    }

    /// <summary>Gets the full path of the outbox directory.</summary>
    public string Directory { get; }

    /// <summary>Appends the record and flushes it to disk; when this returns, the record survives a crash.</summary>
    public async Task AppendAsync(ConsentRecord record)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, ConsentRecordJsonContext.Default.ConsentRecord);
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            WriteDurably(line);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Appends the record and flushes it to disk, blocking; for callers that cannot await.</summary>
    public void Append(ConsentRecord record)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, ConsentRecordJsonContext.Default.ConsentRecord);
        _lock.Wait();
        try
        {
            WriteDurably(line);
        }
        finally
        {
            _lock.Release();
        }
    }

    // Called with the lock held.
    private void WriteDurably(byte[] line)
    {
        _segment ??= OpenNewSegment();
        try
        {
            _segment.Write(line);
            _segment.Write(NewLine);
            _segment.Flush(flushToDisk: true);
        }
        catch
        {
            // A half-written line stays in this segment (replay skips it); later records start a new one.
            CloseSegment();
            throw;
        }
    }

    /// <summary>
    /// Appends every record of every segment no other instance is writing to the store, and deletes the segments done.
    /// Stops at the first failure of the store, keeping what is left for the next replay.
    /// </summary>
    /// <returns>How many records the store added (records it had already are not counted).</returns>
    public async Task<int> ReplayAsync(IConsentRecordStore store, CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        // Closed segments first; only when they all went in is this instance's own segment closed and replayed,
        // so a long outage does not split the outbox into one file per replay attempt.
        var added = await ReplayClosedSegmentsAsync(store, cancellationToken).ConfigureAwait(false);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_segment is null)
            {
                return added;
            }

            CloseSegment();
        }
        finally
        {
            _lock.Release();
        }

        return added + await ReplayClosedSegmentsAsync(store, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ReplayClosedSegmentsAsync(IConsentRecordStore store, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, FilePattern).Order(StringComparer.Ordinal).ToArray())
        {
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // being written by this or another instance, or replayed by another one, or gone
            }

            using (file)
            using (var reader = new StreamReader(file))
            {
                var lineNumber = 0;
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    lineNumber++;
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    ConsentRecord? record;
                    try
                    {
                        record = JsonSerializer.Deserialize(line, ConsentRecordJsonContext.Default.ConsentRecord);
                    }
                    catch (JsonException)
                    {
                        record = null;
                    }

                    if (record is null || record.Id == Guid.Empty)
                    {
                        ConsentKitLog.OutboxLineSkipped(_logger, lineNumber, path);
                        continue;
                    }

                    if (await store.AppendAsync(record, cancellationToken).ConfigureAwait(false))
                    {
                        added++;
                    }
                }
            }

            File.Delete(path);
        }

        return added;
    }

    private FileStream OpenNewSegment()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"outbox-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.jsonl";

        // FileShare.Read takes a shared lock: a replay (exclusive lock) leaves the segment alone while it is open.
        return new FileStream(Path.Combine(Directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    private void CloseSegment()
    {
        _segment?.Dispose();
        _segment = null;
    }

    public void Dispose()
    {
        CloseSegment();
        _lock.Dispose();
    }
}
