using System.Data;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;
using NpgsqlTypes;

namespace Jobs;

/// <summary>
/// Many jobs without keys through binary COPY: ids are reserved first so the rows can be matched
/// up again, the rows are copied with every column given as add_job's keyless insert gives it, and
/// only what the database filled in is read back (<see cref="CopiedJobs"/>). All in one
/// transaction, the caller's when given.
/// </summary>
internal static class KeylessBulkInsert
{
    /// <summary>
    /// Fewer rows than this go in one INSERT statement (insert_jobs.sql), one round trip: COPY's
    /// five (reserve ids, start, finish, read back, commit) cost more than it saves on them.
    /// </summary>
    public const int MinimumRows = 1_000;

    /// <summary>Stores <paramref name="jobs"/> and returns them as stored, in input order.</summary>
    public static async Task<IReadOnlyList<JobRow>> InsertAsync(SqlQueries sql, NpgsqlConnection connection, NpgsqlTransaction? transaction,
        PreparedJob[] jobs, CancellationToken cancellationToken)
    {
        var own = transaction is null ? await TryBeginAsync(connection, cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var (ids, now) = await ReserveAsync(sql, connection, transaction ?? own, jobs.Length, cancellationToken).ConfigureAwait(false);
            var runAtsExact = RunAts(jobs, now, out var runAts);
            await CopyAsync(sql, connection, jobs, ids, runAts, cancellationToken).ConfigureAwait(false);
            var rows = await CopiedJobs.ReadAsync(sql, connection, transaction ?? own, jobs, ids, runAts, runAtsExact, cancellationToken).ConfigureAwait(false);
            if (own is not null)
            {
                // Once every row is in, the commit is not cut short: a commit cancelled midway
                // could not tell the caller whether the jobs were stored.
                cancellationToken.ThrowIfCancellationRequested();
                await own.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            return rows;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<NpgsqlTransaction?> TryBeginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (connection.State == ConnectionState.Open)
        {
            // The connection is already inside a transaction the caller did not hand over (an
            // ambient TransactionScope it enlisted in, or one begun on it): the jobs join that
            // transaction, as the single INSERT statement used to.
            return null;
        }
    }

    private static async Task<(long[] Ids, DateTime Now)> ReserveAsync(SqlQueries sql, NpgsqlConnection connection, NpgsqlTransaction? transaction,
        int count, CancellationToken cancellationToken)
    {
        await using var command = sql.Command(connection, transaction, new ReserveJobIdsQuery(count));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetFieldValue<long[]>(0), reader.GetFieldValue<DateTime>(1));
    }

    private static async Task CopyAsync(SqlQueries sql, NpgsqlConnection connection, PreparedJob[] jobs, long[] ids, DateTime[] runAts,
        CancellationToken cancellationToken)
    {
        // Disposed without CompleteAsync, the importer aborts the COPY. Cancelled while the server
        // still works through the rows (its triggers waiting on a lock, say), Npgsql breaks the
        // connection and the server may go on to finish the COPY: only the surrounding, never
        // committed transaction keeps those rows from being stored.
        await using var importer = await connection.BeginBinaryImportAsync(sql.Text(new CopyJobsQuery()), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < jobs.Length; i++)
        {
            var job = jobs[i];
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.DatabaseId!.Value, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.Task, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.Payload.Bytes, NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
            if (job.Queue is null)
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteAsync(job.Queue, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
            await importer.WriteAsync(runAts[i], NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.MaxAttempts, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.Priority, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        }
        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The run_at each row gets, as timestamptz keeps it: whole microseconds, cut toward
    /// 2000-01-01 as Npgsql cuts a DateTime, so what is sent is exactly what is stored. False when
    /// a value is DateTime.MinValue or MaxValue, which Npgsql sends as -infinity and infinity.
    /// </summary>
    private static bool RunAts(PreparedJob[] jobs, DateTime now, out DateTime[] runAts)
    {
        const long PostgresEpochTicks = 630_822_816_000_000_000; // 2000-01-01, a whole number of microseconds
        runAts = new DateTime[jobs.Length];
        var exact = true;
        for (var i = 0; i < jobs.Length; i++)
        {
            var utc = jobs[i].RunAt?.UtcDateTime ?? now;
            if (utc == DateTime.MinValue || utc == DateTime.MaxValue)
            {
                exact = false;
                runAts[i] = utc;
                continue;
            }
            runAts[i] = new DateTime(utc.Ticks - (utc.Ticks - PostgresEpochTicks) % 10, DateTimeKind.Utc);
        }
        return exact;
    }
}
