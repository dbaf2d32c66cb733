using System.Diagnostics;
using Jobs.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Jobs.Tracing;

/// <summary>
/// The creation contexts of jobs, in the optional trace schema (<see cref="TraceContextInstaller"/>):
/// a traced client stores the W3C context each job was enqueued in, a traced worker reads it to
/// link the run's span, and workers remove the contexts of jobs that are gone. Whether the schema
/// is there (and this role may use it) is asked once, the first time it matters: a process started
/// before the schema was installed starts storing contexts after a restart. Nothing here runs
/// unless a span is being recorded, so without a listener it costs nothing at all.
/// </summary>
internal sealed class TraceContexts
{
    private readonly SchemaName _jobs;
    private readonly string _table;
    private readonly string _schemaName;
    private readonly string[] _privileges;
    /// <summary>The answer of the one detection asked so far: null until asked, and its result null when the asking failed.</summary>
    private Task<bool?>? _usable;

    /// <param name="jobs">The jobs schema.</param>
    /// <param name="privileges">What this side needs on the table, comma-separated (<see cref="RoleGrants.ForTraceContexts"/>); every one must be held.</param>
    public TraceContexts(SchemaName jobs, string privileges)
    {
        _jobs = jobs;
        _privileges = privileges.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (JobTraceSchema.CanHave(jobs))
        {
            var trace = JobTraceSchema.For(jobs);
            _schemaName = trace.Value;
            _table = trace.Qualify(JobTraceSchema.Table);
        }
        else
        {
            _schemaName = "";
            _table = "";
            _usable = Task.FromResult<bool?>(false);
        }
    }

    /// <summary>
    /// Whether the trace schema is installed and usable by this role; asked once, on the first
    /// caller's connection. A failed asking (a dropped connection, a cancelled call) says nothing
    /// about the schema: its caller sees the error, and every caller that waited on it asks again
    /// on its own connection, rather than losing, say, a run's link to another caller's cancellation.
    /// </summary>
    public async Task<bool> UsableAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Volatile.Read(ref _usable) is { } asked)
            {
                if (await asked.WaitAsync(cancellationToken).ConfigureAwait(false) is { } known)
                {
                    return known;
                }
                continue;
            }
            var answer = new TaskCompletionSource<bool?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _usable, answer.Task, null) is not null)
            {
                continue;
            }
            try
            {
                var usable = await DetectAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                answer.SetResult(usable);
                return usable;
            }
            catch
            {
                _ = Interlocked.CompareExchange(ref _usable, null, answer.Task);
                answer.SetResult(null);
                throw;
            }
        }
    }

    /// <summary>True once the schema is known to be absent (or out of this role's reach): then nothing opens a connection for it.</summary>
    private bool KnownUnusable => _usable is { IsCompletedSuccessfully: true, Result: false };

    private async Task<bool> DetectAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        // has_table_privilege fails on a table that does not exist, and a schema without USAGE
        // hides its tables: each is asked only once the one before holds. Given a list, it says
        // whether any one is held: each privilege is asked on its own.
        await using var command = new NpgsqlCommand("""
            SELECT CASE
              WHEN to_regnamespace($1) IS NULL OR NOT has_schema_privilege($1, 'USAGE') THEN false
              WHEN to_regclass($2) IS NULL THEN false
              ELSE (SELECT bool_and(has_table_privilege($2, p)) FROM unnest($3::text[]) AS p) END
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _schemaName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _table });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _privileges });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Stores <paramref name="activity"/>'s context as the creation context of <paramref name="jobs"/>,
    /// on the connection (and in the transaction) that stored them, so it commits with them. A job
    /// enqueued again under its key takes the newer context.
    /// </summary>
    public async Task StoreAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<JobRow> jobs, Activity activity, CancellationToken cancellationToken)
    {
        if (KnownUnusable)
        {
            return;
        }
        string? traceparent = null;
        string? tracestate = null;
        DistributedContextPropagator.Current.Inject(activity, null, (_, name, value) =>
        {
            if (name == "traceparent")
            {
                traceparent = value;
            }
            else if (name == "tracestate")
            {
                tracestate = value;
            }
        });
        if (traceparent is null || !await UsableAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var ids = new long[jobs.Count];
        var created = new DateTimeOffset?[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            ids[i] = jobs[i].Id;
            created[i] = jobs[i].CreatedAt;
        }
        // DISTINCT ON: a key given twice in one call is one job, and ON CONFLICT may touch a row once.
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {_table} (job_id, job_created_at, traceparent, tracestate)
            SELECT DISTINCT ON (j.id) j.id, j.created_at, $3, $4 FROM unnest($1::bigint[], $2::timestamptz[]) AS j(id, created_at)
            ON CONFLICT (job_id) DO UPDATE SET job_created_at = excluded.job_created_at, traceparent = excluded.traceparent,
              tracestate = excluded.tracestate, stored_at = now()
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter { Value = created, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = traceparent });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)tracestate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The creation context stored for <paramref name="job"/>, if any (and if it was stored for this job, not an earlier one with its id).</summary>
    public async Task<ActivityContext?> ReadAsync(NpgsqlDataSource dataSource, JobRow job, CancellationToken cancellationToken)
    {
        if (KnownUnusable)
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!await UsableAsync(connection, null, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        await using var command = new NpgsqlCommand(
            $"SELECT traceparent, tracestate FROM {_table} WHERE job_id = $1 AND job_created_at IS NOT DISTINCT FROM $2", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = job.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)job.CreatedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var traceparent = reader.GetString(0);
        var tracestate = reader.IsDBNull(1) ? null : reader.GetString(1);
        return ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out var context) ? context : null;
    }

    /// <summary>Removes up to <paramref name="max"/> contexts whose job is gone; returns how many.</summary>
    public async Task<int> SweepAsync(NpgsqlDataSource dataSource, int max, CancellationToken cancellationToken)
    {
        if (KnownUnusable)
        {
            return 0;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!await UsableAsync(connection, null, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }
        await using var command = new NpgsqlCommand($"""
            DELETE FROM {_table} c WHERE c.job_id IN (
              SELECT g.job_id FROM {_table} g
               WHERE NOT EXISTS (SELECT 1 FROM {_jobs.Qualify("jobs")} j WHERE j.id = g.job_id AND j.created_at IS NOT DISTINCT FROM g.job_created_at)
               LIMIT $1)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
