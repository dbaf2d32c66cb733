using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs;

/// <summary>How <see cref="JobsClient"/> stores many jobs in one call.</summary>
public sealed partial class JobsClient
{
    /// <summary>Stores <paramref name="rows"/> the fastest way that keeps add_job's semantics on this schema.</summary>
    private async Task<IReadOnlyList<JobRow>> StoreManyAsync(SchemaShape shape, NpgsqlConnection connection, NpgsqlTransaction? transaction, PreparedJob[] rows, CancellationToken cancellationToken)
    {
        // Keyed rows need add_job's upsert rules row by row; without keys, on a schema whose
        // add_job is a plain insert of the values given, a set-wise insert is the same thing,
        // several times faster. Binary COPY is faster still for many rows, but its extra
        // round trips cost more than they save on a few.
        var setWise = shape.KeylessInsertMatchesAddJob && rows.All(r => r.Key is null && r.DatabaseId is not null);
        if (setWise && rows.Length >= KeylessBulkInsert.MinimumRows)
        {
            return await KeylessBulkInsert.InsertAsync(_sql, connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        }
        if (setWise)
        {
            return await InsertKeylessAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        }
        return AsStoredAfterTheCall(await AddEachAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A key given more than once in one call is one job: add_job's upsert leaves it with the last
    /// request's values. Every request for it then gets the job as it stands when the call returns,
    /// not the intermediate row an earlier request saw.
    /// </summary>
    private static IReadOnlyList<JobRow> AsStoredAfterTheCall(IReadOnlyList<JobRow> rows)
    {
        var latest = new Dictionary<long, JobRow>(rows.Count);
        foreach (var row in rows)
        {
            latest[row.Id] = row;
        }
        return latest.Count == rows.Count ? rows : rows.Select(row => latest[row.Id]).ToArray();
    }

    private async Task<IReadOnlyList<JobRow>> InsertKeylessAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PreparedJob[] rows, CancellationToken cancellationToken)
    {
        await using var command = _sql.Command(connection, transaction, InsertJobsQuery.For(rows));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every row through add_job, in input order: one statement per run of consecutive rows that
    /// give the same optional arguments (usually one), inside one transaction.
    /// </summary>
    private async Task<IReadOnlyList<JobRow>> AddEachAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PreparedJob[] rows, CancellationToken cancellationToken)
    {
        var runs = Runs(rows);
        if (runs.Count == 1)
        {
            return await AddRunAsync(connection, transaction, runs[0], cancellationToken).ConfigureAwait(false);
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var run in runs)
        {
            batch.BatchCommands.Add(_sql.BatchCommand(AddJobsQuery.For(run)));
        }
        // A batch without a transaction runs as one implicit transaction: all runs or none.
        var stored = new List<JobRow>(rows.Length);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            stored.AddRange(await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false));
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        return stored;
    }

    private async Task<IReadOnlyList<JobRow>> AddRunAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ArraySegment<PreparedJob> run, CancellationToken cancellationToken)
    {
        await using var command = _sql.Command(connection, transaction, AddJobsQuery.For(run));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await JobRowReader.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private static List<ArraySegment<PreparedJob>> Runs(PreparedJob[] rows)
    {
        var runs = new List<ArraySegment<PreparedJob>>();
        var start = 0;
        for (var i = 1; i <= rows.Length; i++)
        {
            if (i == rows.Length || rows[i].Arguments != rows[start].Arguments)
            {
                runs.Add(new ArraySegment<PreparedJob>(rows, start, i - start));
                start = i;
            }
        }
        return runs;
    }
}
