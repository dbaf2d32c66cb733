using Microsoft.Extensions.Logging;

namespace Jobs;

/// <summary>The framework's log messages, source-generated: no boxing or parsing per call.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Worker {WorkerId} started: concurrency {Concurrency}, {Strategy} fetching, tasks {Tasks}")]
    public static partial void WorkerStarted(ILogger logger, string workerId, int concurrency, FetchStrategy strategy, string tasks);

    [LoggerMessage(2, LogLevel.Information, "Worker {WorkerId} stopping: {Running} job(s) running, waiting up to {GracePeriod}")]
    public static partial void WorkerStopping(ILogger logger, string workerId, int running, TimeSpan gracePeriod);

    [LoggerMessage(3, LogLevel.Warning, "Worker {WorkerId}: {Count} job(s) did not finish within the grace period and were cancelled")]
    public static partial void JobsCancelledAtShutdown(ILogger logger, string workerId, int count);

    [LoggerMessage(4, LogLevel.Information, "Worker {WorkerId} stopped")]
    public static partial void WorkerStopped(ILogger logger, string workerId);

    [LoggerMessage(10, LogLevel.Debug, "Job {JobId} ({Task}) attempt {Attempt} started")]
    public static partial void JobStarted(ILogger logger, long jobId, string task, int attempt);

    [LoggerMessage(11, LogLevel.Debug, "Job {JobId} ({Task}) completed in {ElapsedMs} ms")]
    public static partial void JobCompleted(ILogger logger, long jobId, string task, double elapsedMs);

    [LoggerMessage(12, LogLevel.Warning, "Job {JobId} ({Task}) attempt {Attempt} of {MaxAttempts} failed")]
    public static partial void JobFailed(ILogger logger, long jobId, string task, int attempt, int maxAttempts, Exception exception);

    [LoggerMessage(13, LogLevel.Error, "Job {JobId} ({Task}) failed permanently: {Reason}")]
    public static partial void JobFailedPermanently(ILogger logger, long jobId, string task, string reason);

    [LoggerMessage(20, LogLevel.Warning, "Fetching jobs failed; retrying in {Delay}")]
    public static partial void FetchFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(21, LogLevel.Warning, "Writing {What} failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void DatabaseWriteFailed(ILogger logger, string what, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(22, LogLevel.Warning, "Renewing job locks failed")]
    public static partial void LockRenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(23, LogLevel.Debug, "Counting ready jobs failed")]
    public static partial void ReadyDepthFailed(ILogger logger, Exception exception);

    [LoggerMessage(30, LogLevel.Information, "Listening on channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(31, LogLevel.Warning, "The LISTEN connection was lost; reconnecting in {Delay} (polling continues meanwhile)")]
    public static partial void ListenerLost(ILogger logger, TimeSpan delay, Exception exception);
}
