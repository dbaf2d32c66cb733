using Jobs.UnitTests.Infrastructure;
using Jobs.Worker;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.UnitTests.Worker;

/// <summary>A write that fails is retried until it succeeds, on a fake clock: no test waits for real time.</summary>
public sealed class DatabaseRetryTests
{
    private const int DatabaseWriteFailedEvent = 21;
    private const int PrivilegeMissingEvent = 24;
    private const string What = "complete/fail batch";

    private readonly TimerClock _clock = new();
    private readonly RecordingLogger _logger = new();
    private readonly WorkerHealth _health = new();

    [Fact]
    public async Task A_write_that_succeeds_runs_once_and_waits_for_nothing()
    {
        var attempts = 0;

        await Retry(_ => { attempts++; return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(1, attempts);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task Failed_writes_are_retried_with_doubling_delays_up_to_five_seconds()
    {
        var attempts = 0;
        var run = Retry(_ => ++attempts <= 9 ? throw new NpgsqlException("connection lost") : Task.CompletedTask, CancellationToken.None);

        foreach (var ms in new[] { 50, 100, 200, 400, 800, 1600, 3200, 5000, 5000 })
        {
            await _clock.ElapseNextAsync(TimeSpan.FromMilliseconds(ms));
        }
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(10, attempts);
        var failures = _logger.WithEvent(DatabaseWriteFailedEvent);
        Assert.Equal(9, failures.Count);
        Assert.All(failures, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Empty(_health.MissingPrivileges);
    }

    [Fact]
    public async Task A_cancellation_the_caller_did_not_ask_for_is_a_failure_like_any_other()
    {
        var attempts = 0;
        var run = Retry(_ => ++attempts == 1 ? throw new OperationCanceledException("a command timeout") : Task.CompletedTask, CancellationToken.None);

        await _clock.ElapseNextAsync(TimeSpan.FromMilliseconds(50));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_missing_privilege_is_logged_once_as_an_error_retried_every_five_seconds_and_cleared_by_success()
    {
        var attempts = 0;
        var run = Retry(_ => ++attempts <= 3 ? throw Refused() : Task.CompletedTask, CancellationToken.None);

        await _clock.ElapseNextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("permission denied for table jobs", _health.MissingPrivileges[What]);
        await _clock.ElapseNextAsync(TimeSpan.FromSeconds(5));
        await _clock.ElapseNextAsync(TimeSpan.FromSeconds(5));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, attempts);
        var logged = Assert.Single(_logger.Entries);
        Assert.Equal(PrivilegeMissingEvent, logged.EventId);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Empty(_health.MissingPrivileges);
    }

    [Fact]
    public async Task A_privilege_refused_inside_another_exception_is_recognised()
    {
        var attempts = 0;
        var run = Retry(_ => ++attempts == 1 ? throw new InvalidOperationException("batch failed", Refused()) : Task.CompletedTask, CancellationToken.None);

        await _clock.ElapseNextAsync(TimeSpan.FromSeconds(5));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(PrivilegeMissingEvent, Assert.Single(_logger.Entries).EventId);
    }

    [Fact]
    public async Task Cancelling_ends_the_retries_while_they_wait()
    {
        using var cancel = new CancellationTokenSource();
        var attempts = 0;
        var run = Retry(_ => { attempts++; throw new NpgsqlException("down"); }, cancel.Token);
        Assert.Equal(TimeSpan.FromMilliseconds(50), await _clock.NextTimerAsync());

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_write_cancelled_by_the_caller_is_not_retried()
    {
        using var cancel = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Retry(async ct =>
        {
            attempts++;
            await cancel.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }, cancel.Token));

        Assert.Equal(1, attempts);
    }

    private Task Retry(Func<CancellationToken, Task> write, CancellationToken cancellationToken) =>
        Task.Run(() => DatabaseRetry.RunAsync(write, What, _logger, _health, _clock, cancellationToken));

    private static PostgresException Refused() =>
        new("permission denied for table jobs", "ERROR", "ERROR", PostgresErrorCodes.InsufficientPrivilege);
}
