using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Jobs.UnitTests.Infrastructure;

/// <summary>A logger that keeps every entry, for tests that check what was logged and how often.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IReadOnlyList<Entry> WithEvent(int id) => [.. _entries.Where(e => e.EventId == id)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new Entry(eventId.Id, logLevel, formatter(state, exception), exception));

    public sealed record Entry(int EventId, LogLevel Level, string Message, Exception? Exception);
}
