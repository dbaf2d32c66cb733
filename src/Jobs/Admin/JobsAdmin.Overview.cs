using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs;

// The operator's overview: counts per task and queue, who holds what, lookup by key, stale locks.
public sealed partial class JobsAdmin
{
    /// <summary>Counts of jobs per state for each task and each queue, within <see cref="DatabaseId"/>.</summary>
    public async Task<JobBreakdown> GetBreakdownAsync(CancellationToken cancellationToken = default) =>
        (await GetOverviewAsync(cancellationToken).ConfigureAwait(false)).Breakdown;

    /// <summary>
    /// The totals per state (with the oldest ready job's age) and the counts per task and per queue,
    /// within <see cref="DatabaseId"/>, from one scan of the table: what <see cref="GetStatisticsAsync"/>
    /// and <see cref="GetBreakdownAsync"/> give, for the cost of one.
    /// </summary>
    public async Task<JobOverview> GetOverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var command = Statement(AdminStatements.CountsByTaskAndQueue, OrNull.Uuid(DatabaseId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var pairs = new List<(string Task, string? Queue, JobCounts Counts, DateTimeOffset? OldestReady)>();
        DateTimeOffset? now = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var task = reader.GetString(0);
            var queue = reader.IsDBNull(1) ? null : reader.GetString(1);
            pairs.Add((task, queue, new JobCounts(null, reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)),
                RowReader.NullableTimestamp(reader, 7)));
            now ??= RowReader.NullableTimestamp(reader, 8);
        }
        var oldest = pairs.Min(p => p.OldestReady);
        var totals = Sum(null, pairs.Select(p => p.Counts));
        var byTask = pairs.GroupBy(p => p.Task, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Sum(g.Key, g.Select(p => p.Counts))).ToList();
        var byQueue = pairs.GroupBy(p => p.Queue, StringComparer.Ordinal).OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Sum(g.Key, g.Select(p => p.Counts))).ToList();
        return new JobOverview(
            new JobStatistics(totals.Ready, totals.Scheduled, totals.Running, totals.Failing, totals.PermanentlyFailed, oldest is { } at ? now!.Value - at : null),
            new JobBreakdown(byTask, byQueue));
    }

    private static JobCounts Sum(string? name, IEnumerable<JobCounts> counts) => counts.Aggregate(new JobCounts(name, 0, 0, 0, 0, 0), (sum, c) =>
        sum with { Ready = sum.Ready + c.Ready, Scheduled = sum.Scheduled + c.Scheduled, Running = sum.Running + c.Running, Failing = sum.Failing + c.Failing, PermanentlyFailed = sum.PermanentlyFailed + c.PermanentlyFailed });

    /// <summary>
    /// Every worker holding jobs (of <see cref="DatabaseId"/>) or named queues: which, and since
    /// when. Scoped to a database, only workers holding its jobs are listed.
    /// </summary>
    public async Task<List<WorkerHoldings>> GetWorkersAsync(CancellationToken cancellationToken = default)
    {
        await using var command = Statement(AdminStatements.Workers, OrNull.Uuid(DatabaseId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var workers = new List<WorkerHoldings>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            workers.Add(new WorkerHoldings(
                reader.GetString(0),
                reader.GetFieldValue<long[]>(1),
                RowReader.NullableTimestamp(reader, 2),
                RowReader.NullableTimestamp(reader, 3),
                reader.GetFieldValue<string[]>(4),
                RowReader.NullableTimestamp(reader, 5)));
        }
        return workers;
    }

    /// <summary>
    /// How many jobs <see cref="ListAsync"/> would return for <paramref name="filter"/> without its
    /// <see cref="JobListFilter.Limit"/>: every match within <see cref="DatabaseId"/>, counted in
    /// the database (a dashboard asks before acting on all of them).
    /// </summary>
    /// <exception cref="ArgumentException">The filter's task or queue is a name the schema could never hold.</exception>
    public async Task<long> CountAsync(JobListFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new JobListFilter();
        if (filter.TaskIdentifier is { } task)
        {
            JobLimits.ValidateTask(task, nameof(filter));
        }
        if (filter.Queue is { } queue)
        {
            JobLimits.ValidateQueue(queue, nameof(filter));
        }
        ValidateText(filter);
        await using var command = Statement(AdminStatements.CountMatchingJobs,
            OrNull.Text(filter.TaskIdentifier), OrNull.Text(filter.Queue),
            OrNull.Text(filter.State is { } state ? StateName(state) : null),
            OrNull.Bigint(filter.BeforeId), OrNull.Uuid(DatabaseId), OrNull.Text(filter.Text));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The job holding <paramref name="key"/>, or null (also when it belongs to another database than <see cref="DatabaseId"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty, longer than the schema allows, or holds NUL or a lone surrogate.</exception>
    public async Task<JobRow?> GetByKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        JobLimits.ValidateKey(key, nameof(key));
        var rows = await StatementRowsAsync(AdminStatements.JobByKey, cancellationToken,
            new NpgsqlParameter<string> { TypedValue = key }, OrNull.Uuid(DatabaseId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Unlocks those of the jobs whose lock is at least <paramref name="olderThan"/> old, and the
    /// named queue their worker holds for them: locks a dead or cut-off worker left behind, freed
    /// before they expire. A younger lock belongs to a live worker (workers renew their locks) and
    /// is left alone. The attempt is not given back. Returns the jobs unlocked.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="olderThan"/> is not positive.</exception>
    public Task<List<JobRow>> UnlockStaleAsync(IReadOnlyCollection<long> ids, TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(olderThan, TimeSpan.Zero);
        return StatementRowsAsync(AdminStatements.UnlockStaleJobs, cancellationToken,
            new NpgsqlParameter<long[]> { TypedValue = Ids(ids) },
            new NpgsqlParameter<TimeSpan> { TypedValue = olderThan },
            OrNull.Uuid(DatabaseId));
    }

    private NpgsqlCommand Statement(string statement, params NpgsqlParameter[] parameters)
    {
        var command = _dataSource.CreateCommand(AdminStatements.For(statement, _sql.Schema));
        command.Parameters.AddRange(parameters);
        return command;
    }

    private async Task<List<JobRow>> StatementRowsAsync(string statement, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = Statement(statement, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }
}
