using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs;

// Schedules (app_jobs.scheduled_jobs): list with next occurrences, run now, pause, resume, delete.
public sealed partial class JobsAdmin
{
    /// <summary>
    /// The <c>locked_by</c> of a paused schedule. Pausing needs no column of its own (the 0.16 and
    /// 0.47 schemas have none): this sentinel holder claims the schedule with <c>locked_at</c>
    /// 'infinity', so get_scheduled_job (which claims only unclaimed rows) never takes it, no
    /// scheduler ever sees the claim expire, and a scheduler that held it loses it at its next
    /// heartbeat and never fires it again. Resuming clears the claim.
    /// </summary>
    public const string PausedScheduleHolder = "jobs:paused";

    /// <summary>
    /// Every schedule (of <see cref="DatabaseId"/>), by priority then id, with who holds it and its
    /// next occurrence after now. A schedule_info that cannot be parsed is shown as such
    /// (<see cref="ScheduleSummary.ScheduleError"/>), never failing the list.
    /// </summary>
    public async Task<List<ScheduleSummary>> ListSchedulesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _sql.Command(_dataSource, new ListScheduledJobsQuery(DatabaseId, PausedScheduleHolder));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var schedules = new List<ScheduleSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var info = reader.GetString(6);
            var paused = reader.GetBoolean(11);
            DateTimeOffset? next = null;
            string? description = null, error = null;
            try
            {
                if (ScheduleInfo.TryParse(info, out var schedule, out error))
                {
                    description = schedule.Description;
                    next = paused ? null : schedule.GetNextOccurrence(now);
                }
                else
                {
                    // The summary carries schedule_info already: keep only why.
                    var prefix = $"Invalid schedule_info {ScheduleInfo.Shorten(info)}: ";
                    error = error.StartsWith(prefix, StringComparison.Ordinal) ? error[prefix.Length..] : error;
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or TimeZoneNotFoundException)
            {
                // Whatever a stored schedule holds, the list goes on.
                error = ex.Message;
            }
            schedules.Add(new ScheduleSummary(
                reader.GetInt64(0),
                RowReader.NullableString(reader, 1),
                reader.GetString(2),
                RowReader.NullableString(reader, 3),
                reader.GetGuid(4),
                reader.GetInt32(5),
                info,
                RowReader.NullableTimestamp(reader, 7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8),
                RowReader.NullableString(reader, 9),
                RowReader.NullableTimestamp(reader, 10),
                paused,
                next,
                description,
                error));
        }
        return schedules;
    }

    /// <summary>
    /// Creates the schedule's job now through the schema's own run_scheduled_job, whoever holds the
    /// schedule and whether or not it is paused; it records last_scheduled as an occurrence would.
    /// While the previous job still waits, or runs within <paramref name="jobExpiry"/> (default one
    /// hour, as run_scheduled_job's), nothing is created: <see cref="ScheduleRunOutcome.AlreadyScheduled"/>.
    /// </summary>
    /// <exception cref="JobAttributionException">0.47 refused the schedule for want of attribution.</exception>
    public async Task<ScheduleRun> RunScheduleNowAsync(ScheduleSelector schedule, TimeSpan? jobExpiry = null, CancellationToken cancellationToken = default)
    {
        var query = new RunScheduledJobNowQuery(Selection(schedule), jobExpiry ?? TimeSpan.FromHours(1));
        try
        {
            await using var command = _sql.Command(_dataSource, query);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new ScheduleRun(ScheduleRunOutcome.NotFound, null);
            }
            var job = new JobRowReader(reader).Read(reader);
            return job is null ? new ScheduleRun(ScheduleRunOutcome.NoJob, null) : new ScheduleRun(ScheduleRunOutcome.Fired, job);
        }
        catch (PostgresException ex) when (ex.MessageText == "ALREADY_SCHEDULED")
        {
            return new ScheduleRun(ScheduleRunOutcome.AlreadyScheduled, null);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new ScheduleRun(ScheduleRunOutcome.KeyConflict, null);
        }
        catch (PostgresException ex) when (JobAttributionException.From(ex) is { } attribution)
        {
            throw attribution;
        }
    }

    /// <summary>
    /// Pauses the schedule: no scheduler claims or fires it until <see cref="ResumeScheduleAsync"/>
    /// (see <see cref="PausedScheduleHolder"/> for how). A scheduler holding it now lets go at its
    /// next heartbeat; an occurrence it reaches before then is not fired.
    /// </summary>
    public Task<ScheduleChange> PauseScheduleAsync(ScheduleSelector schedule, CancellationToken cancellationToken = default) =>
        ChangeAsync(new PauseScheduledJobQuery(Selection(schedule), PausedScheduleHolder),
            previous => previous == PausedScheduleHolder ? ScheduleChangeOutcome.Unchanged : ScheduleChangeOutcome.Changed, cancellationToken);

    /// <summary>
    /// Resumes a paused schedule: its claim is cleared, and running schedulers are notified so one
    /// claims it at once, as a new schedule (it fires at its next occurrence, and once at once if one
    /// was missed while paused and the scheduler fires missed occurrences). A schedule that is not
    /// paused is left as it is (<see cref="ScheduleChangeOutcome.Unchanged"/>).
    /// </summary>
    public async Task<ScheduleChange> ResumeScheduleAsync(ScheduleSelector schedule, CancellationToken cancellationToken = default)
    {
        await using var command = _sql.Command(_dataSource, new ResumeScheduledJobQuery(Selection(schedule), PausedScheduleHolder));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new ScheduleChange(ScheduleChangeOutcome.NotFound, null, null, null, null);
        }
        return new ScheduleChange(reader.GetBoolean(4) ? ScheduleChangeOutcome.Changed : ScheduleChangeOutcome.Unchanged,
            reader.GetInt64(0), RowReader.NullableString(reader, 1), reader.GetString(2), RowReader.NullableString(reader, 3));
    }

    /// <summary>
    /// Deletes the schedule. A scheduler holding it forgets it at its next heartbeat or occurrence;
    /// the jobs it created are left alone. A schedule registered in code comes back when a scheduler
    /// with that registration next starts: remove the registration first.
    /// </summary>
    public Task<ScheduleChange> DeleteScheduleAsync(ScheduleSelector schedule, CancellationToken cancellationToken = default) =>
        ChangeAsync(new DeleteScheduledJobQuery(Selection(schedule)), _ => ScheduleChangeOutcome.Changed, cancellationToken);

    private ScheduleSelection Selection(ScheduleSelector schedule)
    {
        if (schedule.Id is null && schedule.Key is null)
        {
            throw new ArgumentException("Name a schedule with ScheduleSelector.ById, ByKey or Parse.", nameof(schedule));
        }
        return ScheduleSelection.Of(schedule, DatabaseId);
    }

    private async Task<ScheduleChange> ChangeAsync<TQuery>(TQuery query, Func<string?, ScheduleChangeOutcome> outcome, CancellationToken cancellationToken)
        where TQuery : ISqlQuery
    {
        await using var command = _sql.Command(_dataSource, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new ScheduleChange(ScheduleChangeOutcome.NotFound, null, null, null, null);
        }
        var previous = RowReader.NullableString(reader, 3);
        return new ScheduleChange(outcome(previous), reader.GetInt64(0), RowReader.NullableString(reader, 1), reader.GetString(2), previous);
    }
}
