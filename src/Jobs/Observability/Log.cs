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

    [LoggerMessage(14, LogLevel.Information, "Job {JobId}: the {Outcome} of attempt {Attempt} was not applied: worker {WorkerId} no longer holds that attempt (its lock expired and the job was taken again, or it was removed)")]
    public static partial void StaleOutcomeNotApplied(ILogger logger, long jobId, int attempt, string outcome, string workerId);

    [LoggerMessage(5, LogLevel.Error, "Worker {WorkerId} stopped without writing everything: {Held} job(s) still held when the database did not answer within the shutdown timeout ({ShutdownTimeout}) or the host stopped waiting; they run again once their locks expire ({JobExpiry})")]
    public static partial void ShutdownWritesAbandoned(ILogger logger, string workerId, int held, TimeSpan shutdownTimeout, TimeSpan jobExpiry);

    [LoggerMessage(24, LogLevel.Error, "The database role lacks a privilege for {Operation}: {Missing}. Retried every few seconds; nothing runs to completion until it is granted (`jobs grants --for worker` prints the grants)")]
    public static partial void PrivilegeMissing(ILogger logger, string operation, string missing, Exception exception);

    [LoggerMessage(15, LogLevel.Warning, "Job {JobId} attempt {Attempt} was not started by worker {WorkerId}: its lock was not confirmed for most of the expiry and may be another worker's now; it runs again once the lock expires")]
    public static partial void StaleBufferedJobSkipped(ILogger logger, long jobId, int attempt, string workerId);

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

    [LoggerMessage(40, LogLevel.Information, "Scheduler {SchedulerId} started: tasks {Tasks}, claim expiry {ClaimExpiry}")]
    public static partial void SchedulerStarted(ILogger logger, string schedulerId, string tasks, TimeSpan claimExpiry);

    [LoggerMessage(41, LogLevel.Information, "Scheduler {SchedulerId} stopped; its schedules were released")]
    public static partial void SchedulerStopped(ILogger logger, string schedulerId);

    [LoggerMessage(42, LogLevel.Information, "Scheduler {SchedulerId} holds schedule {ScheduleId} ({Task}, {Schedule}); next occurrence {Next}")]
    public static partial void ScheduleClaimed(ILogger logger, string schedulerId, long scheduleId, string task, string schedule, DateTimeOffset? next);

    [LoggerMessage(43, LogLevel.Error, "Schedule {ScheduleId} ({Task}) is skipped: {Error}")]
    public static partial void InvalidSchedule(ILogger logger, long scheduleId, string task, string error);

    [LoggerMessage(44, LogLevel.Debug, "Schedule {ScheduleId} ({Task}) fired job {JobId}")]
    public static partial void ScheduleFired(ILogger logger, long scheduleId, string task, long jobId);

    [LoggerMessage(45, LogLevel.Debug, "Schedule {ScheduleId} ({Task}): the previous job is still waiting or running (ALREADY_SCHEDULED); this occurrence is skipped")]
    public static partial void OccurrenceAlreadyScheduled(ILogger logger, long scheduleId, string task);

    [LoggerMessage(46, LogLevel.Warning, "Schedule {ScheduleId} ({Task}): a job with the schedule's key still exists; this occurrence is skipped")]
    public static partial void OccurrenceKeyConflict(ILogger logger, long scheduleId, string task);

    [LoggerMessage(47, LogLevel.Information, "Schedule {ScheduleId} ({Task}) was deleted, replaced or taken over; this scheduler forgets it")]
    public static partial void ScheduleLost(ILogger logger, long scheduleId, string task);

    [LoggerMessage(48, LogLevel.Warning, "Firing schedule {ScheduleId} ({Task}) failed; retrying in {Delay}")]
    public static partial void FireFailed(ILogger logger, long scheduleId, string task, TimeSpan delay, Exception exception);

    [LoggerMessage(49, LogLevel.Warning, "Claiming schedules failed")]
    public static partial void ClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(50, LogLevel.Warning, "Renewing schedule claims failed")]
    public static partial void ClaimRenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(51, LogLevel.Warning, "Registering recurring jobs failed; retrying")]
    public static partial void RegistrationFailed(ILogger logger, Exception exception);

    [LoggerMessage(52, LogLevel.Information, "Recurring job {Key} ({Task}) registered: {Schedule}")]
    public static partial void RecurringJobRegistered(ILogger logger, string key, string task, string schedule);

    [LoggerMessage(53, LogLevel.Debug, "Recurring job {Key} ({Task}) is already stored as registered; left alone")]
    public static partial void RecurringJobUnchanged(ILogger logger, string key, string task);

    [LoggerMessage(54, LogLevel.Information, "Schedule {ScheduleId} ({Task}) missed its occurrence at {Missed} while no scheduler ran; firing it once now")]
    public static partial void MissedOccurrence(ILogger logger, long scheduleId, string task, DateTimeOffset missed);

    [LoggerMessage(55, LogLevel.Warning, "Releasing the schedules of {SchedulerId} failed; they are taken over once their claims expire")]
    public static partial void ReleaseSchedulesFailed(ILogger logger, string schedulerId, Exception exception);

    [LoggerMessage(60, LogLevel.Warning, "Freed {Jobs} job lock(s) and {Queues} queue lock(s) older than the job expiry ({Expiry}): their workers died")]
    public static partial void ExpiredLocksRescued(ILogger logger, int jobs, int queues, TimeSpan expiry);

    [LoggerMessage(61, LogLevel.Warning, "Freeing expired locks failed; retrying later")]
    public static partial void RescueFailed(ILogger logger, Exception exception);

    [LoggerMessage(62, LogLevel.Warning, "Reading the schema's shape failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void ShapeReadFailed(ILogger logger, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(63, LogLevel.Information, "Schema {Schema}: {Shape}")]
    public static partial void ShapeRead(ILogger logger, string schema, string shape);

    [LoggerMessage(64, LogLevel.Error, "Schedule {ScheduleId} ({Task}) was refused by run_scheduled_job for want of attribution; this occurrence is skipped")]
    public static partial void OccurrenceRefused(ILogger logger, long scheduleId, string task, Exception exception);

    [LoggerMessage(65, LogLevel.Warning, "The LISTEN connection on {Channel} did not answer its ping within {Timeout}; dropping it and reconnecting")]
    public static partial void ListenerPingFailed(ILogger logger, string channel, TimeSpan timeout);

    [LoggerMessage(67, LogLevel.Warning, "Job {JobId} attempt {Attempt} was cancelled on worker {WorkerId}: its lock went unconfirmed for {Limit} (renewals failed or hung) and expires soon, when another worker may take it; the attempt is recorded as failed")]
    public static partial void JobLockLost(ILogger logger, long jobId, int attempt, string workerId, TimeSpan limit);

    [LoggerMessage(66, LogLevel.Error, "LISTEN on {Channel} receives no notifications (a NOTIFY from another connection did not arrive within {Timeout}). Behind a transaction-pooling PgBouncer LISTEN cannot work: set ListenConnectionString to a direct connection, or UseListenNotify = false. Polling covers meanwhile")]
    public static partial void ListenerReceivesNothing(ILogger logger, string channel, TimeSpan timeout);

    [LoggerMessage(68, LogLevel.Information, "Recording completed jobs in the history {HistorySchema}, kept {Retention}")]
    public static partial void RecordingHistory(ILogger logger, string historySchema, TimeSpan? retention);

    [LoggerMessage(69, LogLevel.Debug, "Pruned {Count} completed job(s) past the history's retention")]
    public static partial void HistoryPruned(ILogger logger, int count);

    [LoggerMessage(70, LogLevel.Warning, "Pruning the history of completed jobs failed; retrying later")]
    public static partial void HistoryPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(71, LogLevel.Debug, "Removed the creation contexts of {Count} job(s) that are gone")]
    public static partial void TraceContextsSwept(ILogger logger, int count);

    [LoggerMessage(72, LogLevel.Warning, "Removing the creation contexts of jobs that are gone failed; retrying later")]
    public static partial void TraceContextSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(73, LogLevel.Warning, "Reading the creation context of job {JobId} failed; its span is not linked")]
    public static partial void TraceContextReadFailed(ILogger logger, long jobId, Exception exception);
}
