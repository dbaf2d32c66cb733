using Jobs.Sql;
using Jobs.Sql.Bindings;
using Jobs.Worker;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.Scheduling;

/// <summary>
/// The scheduler's view of app_jobs: register, claim, renew, fire, release. All of its SQL, each
/// query through its binding (<c>Sql/Bindings</c>). Rows another scheduler holds are never returned.
/// </summary>
internal sealed class ScheduleStore(NpgsqlDataSource dataSource, SqlQueries sql, string workerId, JobsSchedulerOptions options)
{
    private const int MaxClaimsPerPass = 10_000;

    private readonly string[]? _taskFilter = options.TaskIdentifiers?.ToArray();

    /// <summary>The tasks whose schedules this scheduler claims; null for every task.</summary>
    public IReadOnlyList<string>? Tasks => _taskFilter;

    /// <summary>True when the row keyed <see cref="ScheduledJobValues.Key"/> already holds <paramref name="values"/> (and every given value of <paramref name="attribution"/>).</summary>
    public async Task<bool> IsCurrentAsync(ScheduledJobValues values, JobAttribution? attribution, CancellationToken cancellationToken)
    {
        await using var check = sql.Command(dataSource, new ScheduledJobIsCurrentQuery(values, attribution));
        return (bool)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Stores <paramref name="values"/> with add_scheduled_job, unclaiming the keyed row first so it is
    /// updated in place (same id, key kept) rather than replaced by a row without the key. A paused
    /// row (<see cref="JobsAdmin.PausedScheduleHolder"/>) is paused again in the same transaction, so
    /// no scheduler ever sees it unpaused.
    /// </summary>
    public async Task StoreAsync(ScheduledJobValues values, JobAttribution? attribution, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        string? previousHolder;
        await using (var unclaim = sql.Command(connection, transaction, new UnclaimScheduledJobByKeyQuery(values.Key)))
        {
            previousHolder = await unclaim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
        await using (var store = sql.Command(connection, transaction, new AddScheduledJobQuery(values, attribution)))
        {
            await store.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (previousHolder == JobsAdmin.PausedScheduleHolder)
        {
            var selection = new ScheduleSelection(null, values.Key, null);
            await using var pause = sql.Command(connection, transaction, new PauseScheduledJobQuery(selection, JobsAdmin.PausedScheduleHolder));
            await pause.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One claim pass: takes over the schedules whose claim is older than the claim expiry, then
    /// claims unclaimed ones until none is left. Returns every row claimed.
    /// </summary>
    public async Task<List<ScheduleRow>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        List<ScheduleRow> claimed;
        await using (var takeOver = sql.Command(connection, null, new TakeOverScheduledJobsQuery(workerId, options.ClaimExpiry, _taskFilter)))
        {
            claimed = await ReadMineAsync(takeOver, cancellationToken).ConfigureAwait(false);
        }

        await using var get = sql.Command(connection, null, new GetScheduledJobQuery(workerId, _taskFilter));
        for (var i = 0; i < MaxClaimsPerPass; i++)
        {
            var rows = await ReadMineAsync(get, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }
            claimed.AddRange(rows);
        }
        return claimed;
    }

    /// <summary>Refreshes the claims on <paramref name="ids"/>; returns the rows still held (with edits made in place).</summary>
    public async Task<List<ScheduleRow>> RenewAsync(long[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return [];
        }
        await using var command = sql.Command(dataSource, new RenewScheduledJobClaimsQuery(workerId, ids));
        return await ReadMineAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fires one occurrence of <paramref name="scheduleId"/> with run_scheduled_job. Outcomes the schema
    /// decides are returned; anything else (the database unreachable, say) is thrown.
    /// </summary>
    public async Task<FireResult> FireAsync(long scheduleId, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = sql.Command(dataSource, new RunScheduledJobQuery(scheduleId, workerId, options.JobExpiry));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var job = (await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            // No row: deleted, replaced (add_scheduled_job on a claimed key inserts a new row) or taken over.
            return job is null ? new FireResult(FireOutcome.Lost) : new FireResult(FireOutcome.Fired, job.Id);
        }
        catch (PostgresException ex) when (ex.MessageText == "ALREADY_SCHEDULED")
        {
            return new FireResult(FireOutcome.AlreadyScheduled);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new FireResult(FireOutcome.KeyConflict);
        }
        catch (PostgresException ex) when (JobAttributionException.From(ex) is { } attribution)
        {
            return new FireResult(FireOutcome.AttributionRequired, Error: attribution);
        }
    }

    /// <summary>Unclaims every schedule this scheduler holds, retrying through dropped connections until <paramref name="cancellationToken"/>.</summary>
    public Task ReleaseAsync(ILogger logger, WorkerHealth health, CancellationToken cancellationToken) =>
        DatabaseRetry.RunAsync(async ct =>
        {
            await using var command = sql.Command(dataSource, new ReleaseScheduledJobsQuery(workerId));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, "release_scheduled_jobs", logger, health, cancellationToken);

    private async Task<List<ScheduleRow>> ReadMineAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = await RowReader.ReadAllAsync<ScheduleRowReader, ScheduleRow>(reader, cancellationToken).ConfigureAwait(false);
        rows.RemoveAll(row => row.LockedBy != workerId);
        return rows;
    }
}

/// <summary>What became of one occurrence.</summary>
internal enum FireOutcome
{
    /// <summary>A job was created.</summary>
    Fired,
    /// <summary>The schedule is no longer this scheduler's (deleted, replaced or taken over).</summary>
    Lost,
    /// <summary>The previous job still waits or runs: this occurrence is skipped.</summary>
    AlreadyScheduled,
    /// <summary>A job with the schedule's key still exists: this occurrence is skipped.</summary>
    KeyConflict,
    /// <summary>0.47 refused the schedule for want of attribution: this occurrence is skipped.</summary>
    AttributionRequired,
}

/// <summary>The outcome of one occurrence, with the job created or the refusal.</summary>
internal readonly record struct FireResult(FireOutcome Outcome, long? JobId = null, Exception? Error = null);
