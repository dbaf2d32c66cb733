using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// A logger factory keeping every entry, so a test can wait for (and count) a log event the
/// framework writes, instead of guessing when something happened.
/// </summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>The entries with <paramref name="eventId"/>.</summary>
    public LogEntry[] WithEvent(int eventId) => _entries.Where(e => e.EventId == eventId).ToArray();

    /// <summary>Waits until an entry matches <paramref name="match"/>, and returns it.</summary>
    public async Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match, string what, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }
            if (_entries.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No log entry for: {what}. Logged: {string.Join(" | ", _entries.Select(e => e.Message))}");
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        _entries.Enqueue(entry);
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    private sealed class Recorder(RecordingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            factory.Add(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}

/// <summary>One log entry as written.</summary>
public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
