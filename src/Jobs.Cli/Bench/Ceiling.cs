using Jobs.Schema;
using Npgsql;

namespace Jobs.Cli.Bench;

/// <summary>
/// What PostgreSQL itself reaches on this server for a worker's work, with no framework: clients
/// each lock 100 due jobs with SKIP LOCKED, mark them locked and delete them, in one transaction
/// (one commit per 100 jobs and no round trip to run them: a real worker commits at least twice).
/// The drains are reported as a ratio to it.
/// </summary>
internal static class Ceiling
{
    private const int Clients = 4;
    private const int Batch = 100;

    /// <summary>Inserts <paramref name="jobs"/> due jobs server-side, then drains them as above; returns jobs/s.</summary>
    public static async Task<double> MeasureAsync(NpgsqlDataSource dataSource, SchemaName schema, int jobs, CancellationToken cancellationToken)
    {
        await using (var fill = dataSource.CreateCommand($"""
            INSERT INTO {schema.Quoted}.jobs (database_id, task_identifier, payload, run_at, max_attempts, priority)
            SELECT '00000000-0000-0000-0000-00000000be4c', '{BenchSettings.Task}', '{"{}"}', now(), 25, 0 FROM generate_series(1, $1)
            """))
        {
            fill.Parameters.Add(new NpgsqlParameter<int> { TypedValue = jobs });
            await fill.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var taken = await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => DrainAsync(dataSource, schema, "ceiling-" + client, cancellationToken))).ConfigureAwait(false);
        return taken.Sum() / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> DrainAsync(NpgsqlDataSource dataSource, SchemaName schema, string locker, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"""
                    WITH j AS (
                      SELECT id FROM {schema.Quoted}.jobs
                       WHERE locked_at IS NULL AND run_at <= now()
                       ORDER BY priority, run_at, id
                       LIMIT {Batch}
                         FOR UPDATE SKIP LOCKED)
                    UPDATE {schema.Quoted}.jobs SET locked_at = now(), locked_by = $1, attempts = attempts + 1
                      FROM j WHERE jobs.id = j.id
                    """) { Parameters = { new NpgsqlParameter<string> { TypedValue = locker } } },
                new NpgsqlBatchCommand($"DELETE FROM {schema.Quoted}.jobs WHERE locked_by = $1")
                    { Parameters = { new NpgsqlParameter<string> { TypedValue = locker } } },
            },
        };
        // Prepared, as pgbench -M prepared runs the same statements: no parsing or planning per batch.
        await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        long total = 0;
        while (true)
        {
            // A batch runs in one implicit transaction: one commit per batch of jobs.
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.CloseAsync().ConfigureAwait(false);
            var deleted = batch.BatchCommands[1].RecordsAffected;
            if (deleted == 0)
            {
                return total;
            }
            total += deleted;
        }
    }
}
