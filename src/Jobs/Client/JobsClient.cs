using System.ComponentModel;
using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Jobs.Tracing;
using Npgsql;

namespace Jobs;

/// <summary>
/// Enqueues jobs into app_jobs: one at a time through the schema's <c>add_job</c>, many in one
/// round trip, on its own connections or inside the caller's transaction. Thread-safe.
/// </summary>
public sealed partial class JobsClient : IJobEnqueuer
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SqlQueries _sql;
    private readonly Guid? _defaultDatabaseId;
    private readonly JobAttribution? _defaultAttribution;
    private readonly TimeProvider _time;
    private readonly SchemaShapeCache _shape;
    private readonly int _maxPayloadDepth;
    private readonly TraceContexts _traces;

    /// <summary>A client over <paramref name="dataSource"/> (see <see cref="JobsDataSource.Create(string)"/>).</summary>
    public JobsClient(NpgsqlDataSource dataSource, JobsClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new JobsClientOptions();
        if (options.MaxPayloadDepth is < 1 or > JobLimits.MaxPayloadDepthCeiling)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPayloadDepth,
                $"JobsClientOptions.MaxPayloadDepth must be 1 to {JobLimits.MaxPayloadDepthCeiling}: the generated payload readers read no deeper.");
        }
        _maxPayloadDepth = options.MaxPayloadDepth;
        _dataSource = dataSource;
        _sql = new SqlQueries(new SchemaName(options.Schema));
        _defaultDatabaseId = options.DatabaseId;
        _defaultAttribution = options.Attribution;
        _time = timeProvider ?? TimeProvider.System;
        _shape = new SchemaShapeCache(dataSource, _sql.Schema);
        _traces = new TraceContexts(_sql.Schema, RoleGrants.ClientTracePrivileges);
    }

    /// <summary>Enqueues one job and returns it as stored.</summary>
    /// <exception cref="ArgumentException">A name, key or queue is out of the schema's limits or holds NUL or a lone surrogate; the
    /// payload is not JSON, not valid UTF-8, or nested deeper than <see cref="JobsClientOptions.MaxPayloadDepth"/>; or no database id is known.</exception>
    /// <exception cref="JobAttributionException">The schema requires attribution (0.47) and none was given.</exception>
    /// <exception cref="UnsupportedSchemaException">The schema lacks something the client calls.</exception>
    public Task<JobRow> EnqueueAsync(string taskIdentifier, ReadOnlyMemory<byte> payload, EnqueueOptions? options = null, CancellationToken cancellationToken = default) =>
        EnqueueOneAsync(null, null, new JobRequest(taskIdentifier, payload, options), cancellationToken);

    /// <summary>Enqueues <paramref name="job"/> and returns it as stored.</summary>
    /// <exception cref="ArgumentException">The request is out of the schema's limits (see <see cref="EnqueueAsync(string, ReadOnlyMemory{byte}, EnqueueOptions?, CancellationToken)"/>).</exception>
    public Task<JobRow> EnqueueAsync(JobRequest job, CancellationToken cancellationToken = default) =>
        EnqueueOneAsync(null, null, job, cancellationToken);

    /// <summary>
    /// Enqueues one job on the caller's connection, inside <paramref name="transaction"/> when given:
    /// the job commits or rolls back with the caller's own work, and add_job sees the
    /// transaction's settings (the <c>jwt.claims.*</c> a 0.47 schema takes attribution from).
    /// </summary>
    public Task<JobRow> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string taskIdentifier, ReadOnlyMemory<byte> payload, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return EnqueueOneAsync(connection, transaction, new JobRequest(taskIdentifier, payload, options), cancellationToken);
    }

    /// <summary>For generated code: <see cref="EnqueueAsync(string, ReadOnlyMemory{byte}, EnqueueOptions?, CancellationToken)"/> with a payload a generated writer just wrote (see <see cref="JobRequest.Written"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task<JobRow> EnqueueWrittenAsync(string taskIdentifier, ReadOnlyMemory<byte> payload, EnqueueOptions? options = null, CancellationToken cancellationToken = default) =>
        EnqueueOneAsync(null, null, JobRequest.Written(taskIdentifier, payload, options), cancellationToken);

    /// <summary>For generated code: the same on the caller's connection and transaction.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task<JobRow> EnqueueWrittenAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string taskIdentifier, ReadOnlyMemory<byte> payload, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return EnqueueOneAsync(connection, transaction, JobRequest.Written(taskIdentifier, payload, options), cancellationToken);
    }

    /// <summary>One job through add_job, on the given connection, or on one of the pool's when none is given.</summary>
    private async Task<JobRow> EnqueueOneAsync(NpgsqlConnection? given, NpgsqlTransaction? transaction, JobRequest job, CancellationToken cancellationToken)
    {
        var shape = await _shape.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = Prepare(shape, job, new ParameterNames("taskIdentifier", "payload", "options"));
        using var activity = MessagingSpans.StartCreate(row.Task, row.Queue);
        try
        {
            await using var owned = given is null ? await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false) : null;
            var connection = given ?? owned!;
            var stored = (await StoreAsync(connection, transaction, ownsConnection: given is null, activity, async inTransaction =>
            {
                await using var command = _sql.Command(connection, inTransaction, AddJobQuery.For(row));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false)).Single();
            MessagingSpans.Stored(activity, stored);
            return stored;
        }
        catch (PostgresException ex) when (JobAttributionException.From(ex) is { } attribution)
        {
            MessagingSpans.Failed(activity, attribution);
            throw attribution;
        }
        catch (Exception ex)
        {
            MessagingSpans.Failed(activity, ex);
            throw;
        }
    }

    /// <summary>
    /// Stores jobs through <paramref name="store"/>; when traced, with their creation context, in
    /// one transaction, so no worker runs a job before its context is there. The client opens that
    /// transaction only on a connection of its own: the caller's may be in one Npgsql cannot see.
    /// </summary>
    private async Task<IReadOnlyList<JobRow>> StoreAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool ownsConnection,
        System.Diagnostics.Activity? activity, Func<NpgsqlTransaction?, Task<IReadOnlyList<JobRow>>> store, CancellationToken cancellationToken)
    {
        if (activity is null)
        {
            return await store(transaction).ConfigureAwait(false);
        }
        await using var traced = transaction is null && ownsConnection ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        var inTransaction = transaction ?? traced;
        var stored = await store(inTransaction).ConfigureAwait(false);
        await _traces.StoreAsync(connection, inTransaction, stored, activity, cancellationToken).ConfigureAwait(false);
        if (traced is not null)
        {
            await traced.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return stored;
    }

    /// <summary>
    /// Enqueues many jobs at once, with add_job's per-row semantics, and returns them as stored, in
    /// input order. A key given more than once is one job, left with the last request's values;
    /// each request for it returns that job as it stands when the call returns.
    /// </summary>
    /// <exception cref="ArgumentException">A request is invalid; the message starts with its index (<c>jobs[3]: ...</c>).</exception>
    public async Task<IReadOnlyList<JobRow>> EnqueueManyAsync(IEnumerable<JobRequest> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await EnqueueManyAsync(connection, null, jobs, ownsConnection: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enqueues many jobs on the caller's connection, inside <paramref name="transaction"/> when
    /// given (or the transaction the connection is already in); otherwise in a transaction of their
    /// own, so a failure stores none of them. Returns them as stored, in input order; a key given
    /// more than once is one job, returned for each of its requests as it stands at the end.
    /// </summary>
    /// <remarks>
    /// Each job is stored exactly as add_job would store it on the schema at hand. Where add_job is
    /// 0.16's (our installer's schema, or pgpm's 0.16), many rows without keys are inserted
    /// set-wise, by binary COPY for many rows; cancelling while they are being copied stores none of
    /// them but may leave <paramref name="connection"/> broken (Npgsql abandons a COPY in flight).
    /// Where add_job does more (0.47: attribution, claims, queue-name rules), every row goes through
    /// add_job, many per statement.
    /// </remarks>
    public Task<IReadOnlyList<JobRow>> EnqueueManyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<JobRequest> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(jobs);
        return EnqueueManyAsync(connection, transaction, jobs, ownsConnection: false, cancellationToken);
    }

    private async Task<IReadOnlyList<JobRow>> EnqueueManyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<JobRequest> jobs, bool ownsConnection, CancellationToken cancellationToken)
    {
        var requests = jobs.ToArray();
        if (requests.Length == 0)
        {
            return [];
        }
        var shape = await _shape.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = new PreparedJob[requests.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            try
            {
                rows[i] = Prepare(shape, requests[i], new ParameterNames(nameof(jobs), nameof(jobs), nameof(jobs)));
            }
            catch (ArgumentException ex) when (ex.ParamName == nameof(jobs))
            {
                // Which of many requests is wrong matters as much as why.
                throw new ArgumentException($"jobs[{i}]: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal)}", nameof(jobs), ex);
            }
        }
        using var activity = MessagingSpans.StartSend(rows);
        try
        {
            return await StoreAsync(connection, transaction, ownsConnection, activity,
                inTransaction => StoreManyAsync(shape, connection, inTransaction, rows, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (JobAttributionException.From(ex) is { } attribution)
        {
            MessagingSpans.Failed(activity, attribution);
            throw attribution;
        }
        catch (Exception ex)
        {
            MessagingSpans.Failed(activity, ex);
            throw;
        }
    }

    /// <summary>The parameter each kind of mistake is reported against.</summary>
    private readonly record struct ParameterNames(string Task, string Payload, string Options);

    private PreparedJob Prepare(SchemaShape shape, JobRequest job, ParameterNames names)
    {
        JobLimits.ValidateTask(job.TaskIdentifier, names.Task);
        var options = job.Options ?? EnqueueOptions.Default;
        JobLimits.ValidateOptions(options, names.Options);
        // A generated writer's payload is valid by construction; only a lower depth limit than the
        // writer's own needs the parse.
        if (!job.IsWritten || _maxPayloadDepth < JobPayloadWriter.MaxDepth)
        {
            JobLimits.ValidatePayload(job.Payload, names.Payload, _maxPayloadDepth);
        }
        var databaseId = options.DatabaseId ?? _defaultDatabaseId;
        if (databaseId is null && shape.AddJob?.HasDefault("db_id") != true)
        {
            throw new ArgumentException("No database id: set JobsClientOptions.DatabaseId or EnqueueOptions.DatabaseId (app_jobs.jobs.database_id is NOT NULL).", names.Options);
        }
        var runAt = options.RunAt ?? (options.Delay is { } delay ? DelayedRunAt(delay, names.Options) : null);
        // The caller's raw bytes are copied (the returned row must not change with the caller's
        // buffer); a written payload's array is already ours.
        var payload = job.Payload.IsEmpty ? Utf8Payload.EmptyObject : new Utf8Payload(job.IsWritten ? job.Payload : job.Payload.ToArray());
        return new PreparedJob(databaseId, job.TaskIdentifier, payload, options.Key, options.Queue,
            runAt, options.MaxAttempts ?? 25, options.Priority ?? 0, Attribution(shape, options.Attribution, names.Options));
    }

    private DateTimeOffset DelayedRunAt(TimeSpan delay, string parameterName)
    {
        var now = _time.GetUtcNow();
        return delay <= DateTimeOffset.MaxValue - now ? now + delay
            : throw new ArgumentException($"Delay is {delay}; added to now it passes the largest date. Use RunAt for a far-future job.", parameterName);
    }

    /// <summary>
    /// The job's own attribution over the client's: the actor pair and the entity pair each as a
    /// whole. Given explicitly on a schema whose add_job cannot take it, it is refused rather than
    /// dropped; the client's defaults only apply where add_job takes them.
    /// </summary>
    private JobAttribution? Attribution(SchemaShape shape, JobAttribution? own, string parameterName)
    {
        if (own is not null && !own.IsEmpty)
        {
            var given = OptionalArgumentList.Given(null, own);
            var refused = OptionalArgumentList.All
                .Where(a => given.HasFlag(a.Flag) && shape.AddJob?.Takes(a.Name) != true)
                .Select(a => a.Name)
                .ToArray();
            if (refused.Length > 0)
            {
                throw new ArgumentException($"The schema's add_job ({shape.Describe()}) takes no {string.Join(", ", refused)}: "
                    + "attribution needs @pgpm/database-jobs 0.47 or later. Leave EnqueueOptions.Attribution unset.", parameterName);
            }
        }
        if (!shape.TakesAttribution)
        {
            return null;
        }
        var defaults = _defaultAttribution;
        if (own is null || own.IsEmpty || defaults is null)
        {
            return own is null || own.IsEmpty ? defaults : own;
        }
        var ownActor = own.ActorId is not null || own.PrincipalId is not null;
        var ownEntity = own.EntityId is not null || own.EntityType is not null;
        return new JobAttribution
        {
            ActorId = ownActor ? own.ActorId : defaults.ActorId,
            PrincipalId = ownActor ? own.PrincipalId : defaults.PrincipalId,
            EntityId = ownEntity ? own.EntityId : defaults.EntityId,
            EntityType = ownEntity ? own.EntityType : defaults.EntityType,
            OrganizationId = own.OrganizationId ?? defaults.OrganizationId,
        };
    }
}
