using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Tests.Infrastructure;

/// <summary>One message written to a <see cref="TestLogs"/> logger.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>
/// A logger provider that keeps every message in memory, for tests that assert what a host logged.
/// Add it to a host with <see cref="AddTo"/>.
/// </summary>
public sealed class TestLogs : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>Gets the entries ConsentKit wrote with the event id of one of its <c>ConsentKitLog</c> messages.</summary>
    public IReadOnlyList<LogEntry> ConsentKit(int eventId) =>
        Entries.Where(e => e.Category == "ConsentKit" && e.EventId.Id == eventId).ToArray();

    /// <summary>Makes a host write every message, Debug and up, to this provider.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddLogging(logging => logging.AddProvider(this).SetMinimumLevel(LogLevel.Debug));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }

    private sealed class Logger(TestLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
    }
}
