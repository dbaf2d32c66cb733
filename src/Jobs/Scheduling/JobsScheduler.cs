using System.Data.Common;
using Jobs.Schema;
using Jobs.Sql;
using Jobs.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Jobs;

/// <summary>
/// Fires recurring jobs from app_jobs.scheduled_jobs: claims schedules with get_scheduled_job, keeps
/// them in memory, and at each occurrence calls run_scheduled_job, which creates the job.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Claiming: at start, on every NOTIFY on <c>scheduled_jobs:insert</c>, and every
/// <see cref="JobsSchedulerOptions.PollInterval"/>, it claims until none is left. Several schedulers
/// share the schedules; each schedule has one holder.</item>
/// <item>Crash recovery: get_scheduled_job never takes a claimed schedule, however old the claim, so
/// the scheduler renews its claims' locked_at every quarter of
/// <see cref="JobsSchedulerOptions.ClaimExpiry"/> and takes over claims older than that.</item>
/// <item>An occurrence fires once, if the schedule is still held: ALREADY_SCHEDULED (the previous
/// job still waits or runs) skips it; a schedule deleted, replaced by add_scheduled_job (which gives
/// a claimed row a new id) or taken over is forgotten.</item>
/// <item>Missed occurrences: when a claimed schedule's last_scheduled is followed by an occurrence
/// already past (no scheduler ran then), it fires once at once
/// (<see cref="JobsSchedulerOptions.FireMissedOccurrence"/>); never a backlog. A schedule that never
/// ran waits for its next occurrence. Occurrences missed while this scheduler could not reach the
/// database likewise collapse into one.</item>
/// <item>Invalid schedule_info is logged and the schedule is held but never fired; an edit in place is
/// picked up at the next heartbeat.</item>
/// <item>Registrations (<see cref="JobsScheduleRegistry"/>) are upserted with add_scheduled_job at
/// start, skipped when the keyed row already equals the registration.</item>
/// <item>Stopping releases every claim with release_scheduled_jobs.</item>
/// </list>
/// </remarks>
public sealed class JobsScheduler
{
    private const int MaxClaimsPerPass = 10_000;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _dataSource;
    private readonly JobsSchedulerOptions _options;
    private readonly SqlQueries _sql;
    private readonly Guid? _databaseId;
    private readonly IReadOnlyList<RecurringJob> _registrations;
    private readonly ILogger _logger;
    private readonly Dictionary<long, ClaimedSchedule> _claims = [];
    private readonly object _gate = new();
    private readonly WorkSignal _signal = new();
    private int _started;
    private JobAttribution? _attribution;

    /// <summary>A scheduler; <paramref name="registry"/> holds the recurring jobs registered in code.</summary>
    /// <exception cref="ArgumentException">Options are invalid, or registrations need a database id and none is configured.</exception>
    public JobsScheduler(
        NpgsqlDataSource dataSource,
        JobsSchedulerOptions? options = null,
        JobsClientOptions? clientOptions = null,
        JobsScheduleRegistry? registry = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _options = options ?? new JobsSchedulerOptions();
        _options.Validate();
        ListenerGuard.Check(dataSource, _options.UseListenNotify, _options.ListenConnectionString, "JobsSchedulerOptions");
        clientOptions ??= new JobsClientOptions();
        _dataSource = dataSource;
        _sql = new SqlQueries(new SchemaName(clientOptions.Schema));
        _databaseId = clientOptions.DatabaseId;
        _registrations = registry?.Jobs ?? [];
        foreach (var job in _registrations)
        {
            if (job.DatabaseId is null && _databaseId is null)
            {
                throw new ArgumentException($"The recurring job {job.Key} has no DatabaseId, and JobsClientOptions.DatabaseId is not set.", nameof(registry));
            }
        }
        _logger = (ILogger?)loggerFactory?.CreateLogger<JobsScheduler>() ?? NullLogger.Instance;
        WorkerId = _options.WorkerId ?? $"{Environment.MachineName}-scheduler-{Guid.NewGuid().ToString("N")[..8]}";
        Health = new WorkerHealth { Thresholds = _options.Thresholds, WorkerId = WorkerId, ListenerConnected = !_options.UseListenNotify };
    }

    /// <summary>The id written to scheduled_jobs.locked_by.</summary>
    public string WorkerId { get; }

    /// <summary>
    /// Live state: <see cref="WorkerHealth.LastSuccessfulFetch"/> is the last successful claim pass,
    /// <see cref="WorkerHealth.ListenerConnected"/> the LISTEN connection.
    /// </summary>
    public WorkerHealth Health { get; }

    /// <summary>True once the registrations are stored.</summary>
    public bool RegistrationsStored { get; private set; }

    /// <summary>The ids of the schedules this scheduler holds now.</summary>
    public IReadOnlyCollection<long> ClaimedScheduleIds
    {
        get
        {
            lock (_gate)
            {
                return _claims.Keys.ToArray();
            }
        }
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then releases its claims. A scheduler runs once.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A JobsScheduler runs once; create another to run again.");
        }

        var filter = _options.TaskIdentifiers?.ToArray();
        SchemaShape shape;
        try
        {
            shape = await StartupShape.ReadAsync(_dataSource, _sql.Schema, _logger, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before it started: nothing claimed, nothing to release.
            return;
        }
        // Attribution goes only where add_scheduled_job takes it, each value by name.
        _attribution = shape.AddScheduledJob?.Takes("actor_id") == true ? _options.Attribution : null;
        using var background = new CancellationTokenSource();
        Log.SchedulerStarted(_logger, WorkerId, filter is null ? "(all)" : string.Join(",", filter), _options.ClaimExpiry);
        Health.IsRunning = true;
        await using var listenSource = ListenerGuard.DirectSource(_options.UseListenNotify, _options.ListenConnectionString);
        var listener = _options.UseListenNotify
            ? Task.Run(() => new NotificationListener(listenSource ?? _dataSource, _signal, Health, _logger, _options.Listener, NotificationListener.ScheduledJobsChannel).RunAsync(background.Token), CancellationToken.None)
            : Task.CompletedTask;
        RegistrationsStored = _registrations.Count == 0;
        var claimNow = true;
        var nextClaim = DateTimeOffset.MinValue;
        var nextHeartbeat = DateTimeOffset.UtcNow + _options.HeartbeatInterval;
        var registrationRetry = TimeSpan.FromMilliseconds(200);
        var nextRegistration = DateTimeOffset.MinValue;
        try
        {
            while (true)
            {
                stoppingToken.ThrowIfCancellationRequested();
                var now = DateTimeOffset.UtcNow;
                if (!RegistrationsStored && now >= nextRegistration)
                {
                    try
                    {
                        await RegisterAsync(stoppingToken).ConfigureAwait(false);
                        RegistrationsStored = true;
                        claimNow = true;
                    }
                    catch (PostgresException ex) when (JobAttributionException.From(ex) is { } attribution)
                    {
                        // A setting to fix, not a fault to wait out: stop with the remedy.
                        throw attribution;
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        Log.RegistrationFailed(_logger, ex);
                        nextRegistration = now + registrationRetry;
                        registrationRetry = Min(MaxRetryDelay, registrationRetry * 2);
                    }
                }
                if (claimNow || now >= nextClaim)
                {
                    try
                    {
                        Health.FetchStarted(DateTimeOffset.UtcNow);
                        await ClaimAsync(filter, stoppingToken).ConfigureAwait(false);
                        Health.FetchSucceeded(DateTimeOffset.UtcNow);
                        nextClaim = DateTimeOffset.UtcNow + _options.PollInterval;
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        Health.FetchFailed(ex.Message, DateTimeOffset.UtcNow);
                        Log.ClaimFailed(_logger, ex);
                        nextClaim = DateTimeOffset.UtcNow + Min(_options.PollInterval, TimeSpan.FromSeconds(2));
                    }
                }
                if (now >= nextHeartbeat)
                {
                    try
                    {
                        await HeartbeatAsync(stoppingToken).ConfigureAwait(false);
                        nextHeartbeat = DateTimeOffset.UtcNow + _options.HeartbeatInterval;
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        Log.ClaimRenewalFailed(_logger, ex);
                        nextHeartbeat = DateTimeOffset.UtcNow + Min(_options.HeartbeatInterval, TimeSpan.FromSeconds(1));
                    }
                }

                await FireDueAsync(stoppingToken).ConfigureAwait(false);

                var wake = Min(nextClaim, nextHeartbeat);
                if (!RegistrationsStored)
                {
                    wake = Min(wake, nextRegistration);
                }
                lock (_gate)
                {
                    foreach (var claim in _claims.Values)
                    {
                        if (claim.WakeAt is { } at)
                        {
                            wake = Min(wake, at);
                        }
                    }
                }
                // A millisecond past the occurrence, so the clock read after waking is not before it.
                var wait = wake - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(1);
                claimNow = wait > TimeSpan.Zero && await _signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await background.CancelAsync().ConfigureAwait(false);
            await listener.ConfigureAwait(false);
            await ReleaseAsync().ConfigureAwait(false);
            Health.IsRunning = false;
            Log.SchedulerStopped(_logger, WorkerId);
        }
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        foreach (var job in _registrations)
        {
            var databaseId = job.DatabaseId ?? _databaseId!.Value;
            await using (var check = _dataSource.CreateCommand(_sql.ScheduledJobIsCurrent))
            {
                check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Key });
                check.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = databaseId });
                check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.TaskIdentifier });
                check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.PayloadJson });
                check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.ScheduleInfo });
                check.Parameters.Add(new NpgsqlParameter { Value = (object?)job.Queue ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                check.Parameters.Add(new NpgsqlParameter<int> { TypedValue = job.Priority });
                check.Parameters.Add(new NpgsqlParameter<int> { TypedValue = job.MaxAttempts });
                check.Parameters.Add(new NpgsqlParameter { Value = (object?)_attribution?.ActorId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
                check.Parameters.Add(new NpgsqlParameter { Value = (object?)_attribution?.PrincipalId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
                check.Parameters.Add(new NpgsqlParameter { Value = (object?)_attribution?.EntityId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
                check.Parameters.Add(new NpgsqlParameter { Value = (object?)_attribution?.EntityType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                check.Parameters.Add(new NpgsqlParameter { Value = (object?)_attribution?.OrganizationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
                if ((bool)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    Log.RecurringJobUnchanged(_logger, job.Key, job.TaskIdentifier);
                    continue;
                }
            }

            await using var batch = _dataSource.CreateBatch();
            var unclaim = new NpgsqlBatchCommand(_sql.UnclaimScheduledJobByKey);
            unclaim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Key });
            batch.BatchCommands.Add(unclaim);
            var given = OptionalArgumentList.Given(databaseId, _attribution);
            var add = new NpgsqlBatchCommand(OptionalArgumentList.ForOneCall(_sql.AddScheduledJob, given, 8));
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.TaskIdentifier });
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.PayloadJson });
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.ScheduleInfo });
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Key });
            add.Parameters.Add(new NpgsqlParameter { Value = (object?)job.Queue ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            add.Parameters.Add(new NpgsqlParameter<int> { TypedValue = job.MaxAttempts });
            add.Parameters.Add(new NpgsqlParameter<int> { TypedValue = job.Priority });
            OptionalArgumentList.AddValues(add.Parameters, given, databaseId, _attribution);
            batch.BatchCommands.Add(add);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            Log.RecurringJobRegistered(_logger, job.Key, job.TaskIdentifier, job.ScheduleInfo);
        }
    }

    private async Task ClaimAsync(string[]? filter, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var takeOver = new NpgsqlCommand(_sql.TakeOverScheduledJobs, connection))
        {
            takeOver.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
            takeOver.Parameters.Add(new NpgsqlParameter<double> { TypedValue = _options.ClaimExpiry.TotalSeconds });
            takeOver.Parameters.Add(FilterParameter(filter));
            await using var reader = await takeOver.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in await ScheduleRow.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false))
            {
                Track(row, catchUp: true);
            }
        }

        await using var get = new NpgsqlCommand(_sql.GetScheduledJob, connection);
        get.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        get.Parameters.Add(FilterParameter(filter));
        for (var i = 0; i < MaxClaimsPerPass; i++)
        {
            await using var reader = await get.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = await ScheduleRow.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return;
            }
            Track(rows[0], catchUp: true);
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        long[] ids;
        lock (_gate)
        {
            ids = _claims.Keys.ToArray();
        }
        if (ids.Length == 0)
        {
            return;
        }
        await using var command = _dataSource.CreateCommand(_sql.RenewScheduledJobClaims);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await ScheduleRow.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Id);
        foreach (var id in ids)
        {
            if (!rows.TryGetValue(id, out var row))
            {
                Forget(id);
                continue;
            }
            ClaimedSchedule? current;
            lock (_gate)
            {
                _claims.TryGetValue(id, out current);
            }
            if (current is not null && current.ScheduleInfoJson != row.ScheduleInfo)
            {
                // Edited in place (no NOTIFY for an UPDATE): start over from the new schedule.
                Track(row, catchUp: false);
            }
        }
    }

    private async Task FireDueAsync(CancellationToken cancellationToken)
    {
        ClaimedSchedule[] due;
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            due = _claims.Values.Where(c => c.WakeAt is { } at && at <= now).OrderBy(c => c.Due).ToArray();
        }
        foreach (var claim in due)
        {
            await FireAsync(claim, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FireAsync(ClaimedSchedule claim, CancellationToken cancellationToken)
    {
        string outcome;
        try
        {
            await using var command = _dataSource.CreateCommand(_sql.RunScheduledJob);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = claim.Id });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
            command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = _options.JobExpiry.TotalSeconds });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            long? jobId = null;
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var ordinal = reader.GetOrdinal("id");
                jobId = reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
            }
            if (jobId is null)
            {
                // Deleted, replaced (add_scheduled_job on a claimed key inserts a new row) or taken over.
                Forget(claim.Id);
                return;
            }
            Log.ScheduleFired(_logger, claim.Id, claim.Task, jobId.Value);
            outcome = "fired";
        }
        catch (PostgresException ex) when (ex.MessageText == "ALREADY_SCHEDULED")
        {
            Log.OccurrenceAlreadyScheduled(_logger, claim.Id, claim.Task);
            outcome = "already_scheduled";
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            Log.OccurrenceKeyConflict(_logger, claim.Id, claim.Task);
            outcome = "key_conflict";
        }
        catch (PostgresException ex) when (JobAttributionException.From(ex) is { } attribution)
        {
            // The schedule itself lacks attribution: retrying cannot help until it is re-registered.
            Log.OccurrenceRefused(_logger, claim.Id, claim.Task, attribution);
            outcome = "attribution_required";
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Keep this occurrence due and try again; later ones collapse into it.
            claim.RetryDelay = claim.RetryDelay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : Min(MaxRetryDelay, claim.RetryDelay * 2);
            claim.RetryAt = DateTimeOffset.UtcNow + claim.RetryDelay;
            Log.FireFailed(_logger, claim.Id, claim.Task, claim.RetryDelay, ex);
            return;
        }
        JobsTelemetry.ScheduledOccurrences.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("job.task", claim.Task));
        claim.RetryAt = null;
        claim.RetryDelay = TimeSpan.Zero;
        var occurred = claim.Due!.Value;
        var now = DateTimeOffset.UtcNow;
        // Never a backlog: the next occurrence after both this one and now.
        claim.Due = claim.Schedule!.GetNextOccurrence(occurred > now ? occurred : now);
    }

    private void Track(ScheduleRow row, bool catchUp)
    {
        if (row.LockedBy != WorkerId)
        {
            return;
        }
        var claim = new ClaimedSchedule(row.Id, row.TaskIdentifier, row.ScheduleInfo);
        if (!ScheduleInfo.TryParse(row.ScheduleInfo, out var schedule, out var error))
        {
            Log.InvalidSchedule(_logger, row.Id, row.TaskIdentifier, error);
        }
        else
        {
            var now = DateTimeOffset.UtcNow;
            claim.Schedule = schedule;
            claim.Due = schedule.GetNextOccurrence(now);
            if (catchUp && _options.FireMissedOccurrence && row.LastScheduled is { } last
                && schedule.GetNextOccurrence(last) is { } missed && missed <= now)
            {
                Log.MissedOccurrence(_logger, row.Id, row.TaskIdentifier, missed);
                claim.Due = now;
            }
            Log.ScheduleClaimed(_logger, WorkerId, row.Id, row.TaskIdentifier, schedule.Description, claim.Due);
        }
        lock (_gate)
        {
            _claims[row.Id] = claim;
        }
    }

    private void Forget(long id)
    {
        ClaimedSchedule? claim;
        lock (_gate)
        {
            _claims.Remove(id, out claim);
        }
        if (claim is not null)
        {
            Log.ScheduleLost(_logger, id, claim.Task);
        }
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await DatabaseRetry.RunAsync(async ct =>
            {
                await using var command = _dataSource.CreateCommand(_sql.ReleaseScheduledJobs);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, "release_scheduled_jobs", _logger, Health, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            Log.ReleaseSchedulesFailed(_logger, WorkerId, ex);
        }
        lock (_gate)
        {
            _claims.Clear();
        }
    }

    private static NpgsqlParameter FilterParameter(string[]? filter) => new()
    {
        Value = filter is null ? DBNull.Value : filter,
        NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class ClaimedSchedule(long id, string task, string scheduleInfoJson)
    {
        public long Id { get; } = id;
        public string Task { get; } = task;
        public string ScheduleInfoJson { get; } = scheduleInfoJson;
        public ScheduleInfo? Schedule { get; set; }
        public DateTimeOffset? Due { get; set; }
        public DateTimeOffset? RetryAt { get; set; }
        public TimeSpan RetryDelay { get; set; }

        /// <summary>When the loop must act on this schedule: its occurrence, or the retry of a failed one.</summary>
        public DateTimeOffset? WakeAt => Due is { } due && RetryAt is { } retry && retry > due ? retry : Due;
    }

    private sealed record ScheduleRow(long Id, string TaskIdentifier, string ScheduleInfo, DateTimeOffset? LastScheduled, string? LockedBy)
    {
        public static async Task<List<ScheduleRow>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
        {
            var rows = new List<ScheduleRow>();
            int id = -1, task = -1, info = -1, last = -1, lockedBy = -1;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (id < 0)
                {
                    id = reader.GetOrdinal("id");
                    task = reader.GetOrdinal("task_identifier");
                    info = reader.GetOrdinal("schedule_info");
                    last = reader.GetOrdinal("last_scheduled");
                    lockedBy = reader.GetOrdinal("locked_by");
                }
                if (reader.IsDBNull(id))
                {
                    continue;
                }
                rows.Add(new ScheduleRow(
                    reader.GetInt64(id),
                    reader.GetString(task),
                    reader.GetString(info),
                    reader.IsDBNull(last) ? null : reader.GetFieldValue<DateTimeOffset>(last),
                    reader.IsDBNull(lockedBy) ? null : reader.GetString(lockedBy)));
            }
            return rows;
        }
    }
}
