using System.Data;
using Jobs.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Jobs;

/// <summary>
/// Many jobs without keys through binary COPY: ids are reserved first so the rows can be matched
/// up again, the rows are copied with every column given as add_job's keyless insert gives it, and
/// only what the database filled in is read back. All in one transaction, the caller's when given.
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
            await CopyAsync(sql, connection, jobs, ids, now, cancellationToken).ConfigureAwait(false);
            var rows = await ReadBackAsync(sql, connection, transaction ?? own, jobs, ids, cancellationToken).ConfigureAwait(false);
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
        await using var command = new NpgsqlCommand(sql.ReserveJobIds, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetFieldValue<long[]>(0), reader.GetFieldValue<DateTime>(1));
    }

    private static async Task CopyAsync(SqlQueries sql, NpgsqlConnection connection, PreparedJob[] jobs, long[] ids, DateTime now,
        CancellationToken cancellationToken)
    {
        // Disposed without CompleteAsync, the importer aborts the COPY. Cancelled while the server
        // still works through the rows (its triggers waiting on a lock, say), Npgsql breaks the
        // connection and the server may go on to finish the COPY: only the surrounding, never
        // committed transaction keeps those rows from being stored.
        await using var importer = await connection.BeginBinaryImportAsync(sql.CopyJobs, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < jobs.Length; i++)
        {
            var job = jobs[i];
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.DatabaseId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.Task, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.PayloadUtf8, NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
            if (job.Queue is null)
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteAsync(job.Queue, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
            await importer.WriteAsync(job.RunAt?.UtcDateTime ?? now, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.MaxAttempts, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(job.Priority, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        }
        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<JobRow>> ReadBackAsync(SqlQueries sql, NpgsqlConnection connection, NpgsqlTransaction? transaction,
        PreparedJob[] jobs, long[] ids, CancellationToken cancellationToken)
    {
        // Ids drawn by one statement rise, so a binary search places each row without building a
        // dictionary of every id; the dictionary is only for a sequence that counts down.
        var rising = IsRising(ids);
        var positions = rising ? null : ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var rows = new JobRow[jobs.Length];
        await using var command = new NpgsqlCommand(sql.ReadCopiedJobs, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ids.Min() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ids.Max() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = new ReadBackColumns(reader);
        var found = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetInt64(columns.Id);
            var i = rising ? Array.BinarySearch(ids, id) : positions!.GetValueOrDefault(id, -1);
            if (i < 0)
            {
                continue;
            }
            var job = jobs[i];
            rows[i] = new JobRow
            {
                Id = id,
                DatabaseId = job.DatabaseId,
                QueueName = job.Queue,
                TaskIdentifier = job.Task,
                Payload = job.Payload,
                Priority = job.Priority,
                RunAt = Timestamp(reader, columns.RunAt)!.Value,
                Attempts = reader.GetInt32(columns.Attempts),
                MaxAttempts = job.MaxAttempts,
                Key = Text(reader, columns.Key),
                LastError = Text(reader, columns.LastError),
                LockedAt = Timestamp(reader, columns.LockedAt),
                LockedBy = Text(reader, columns.LockedBy),
                CreatedAt = Timestamp(reader, columns.CreatedAt),
                UpdatedAt = Timestamp(reader, columns.UpdatedAt),
            };
            found++;
        }
        if (found != jobs.Length)
        {
            throw new InvalidOperationException($"{jobs.Length - found} of {jobs.Length} copied jobs could not be read back.");
        }
        return rows;
    }

    private static bool IsRising(long[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] <= ids[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Timestamp(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    /// <summary>The read-back's ordinals, looked up by name once.</summary>
    private readonly struct ReadBackColumns(NpgsqlDataReader reader)
    {
        public int Id { get; } = reader.GetOrdinal("id");
        public int RunAt { get; } = reader.GetOrdinal("run_at");
        public int Attempts { get; } = reader.GetOrdinal("attempts");
        public int Key { get; } = reader.GetOrdinal("key");
        public int LastError { get; } = reader.GetOrdinal("last_error");
        public int LockedAt { get; } = reader.GetOrdinal("locked_at");
        public int LockedBy { get; } = reader.GetOrdinal("locked_by");
        public int CreatedAt { get; } = reader.GetOrdinal("created_at");
        public int UpdatedAt { get; } = reader.GetOrdinal("updated_at");
    }
}
