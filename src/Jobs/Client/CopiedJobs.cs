using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs;

/// <summary>
/// Step 3 of <see cref="KeylessBulkInsert"/>: the copied rows as stored. The client holds what it
/// sent; the database filled in attempts, key, last_error, locked_at and locked_by (column
/// defaults) and created_at and updated_at (the timestamp trigger). With the schema's own defaults
/// and trigger those are the same on every row, which one summary row proves and carries; reading
/// 10,000 rows instead cost about a tenth of the whole enqueue. Anything else is read row by row.
/// </summary>
internal static class CopiedJobs
{
    /// <summary>
    /// The rows of <paramref name="jobs"/>, in input order. <paramref name="runAts"/> holds what was
    /// sent for run_at; <paramref name="runAtsExact"/> says it is also what was stored.
    /// </summary>
    public static async Task<JobRow[]> ReadAsync(SqlQueries sql, NpgsqlConnection connection, NpgsqlTransaction? transaction,
        PreparedJob[] jobs, long[] ids, DateTime[] runAts, bool runAtsExact, CancellationToken cancellationToken)
    {
        var (lowest, highest) = (ids.Min(), ids.Max());
        if (runAtsExact
            && await SummarizeAsync(sql, connection, transaction, jobs.Length, lowest, highest, cancellationToken).ConfigureAwait(false) is { } filled)
        {
            var rows = new JobRow[jobs.Length];
            for (var i = 0; i < jobs.Length; i++)
            {
                rows[i] = Row(jobs[i], ids[i], new DateTimeOffset(runAts[i].Ticks, TimeSpan.Zero), filled.Attempts, filled.CreatedAt, filled.UpdatedAt);
            }
            return rows;
        }
        return await ReadRowsAsync(sql, connection, transaction, jobs, ids, lowest, highest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The values the database filled in, when they are the same on all <paramref name="count"/> rows and no other row shares the range; otherwise null.</summary>
    private static async Task<FilledIn?> SummarizeAsync(SqlQueries sql, NpgsqlConnection connection, NpgsqlTransaction? transaction,
        int count, long lowest, long highest, CancellationToken cancellationToken)
    {
        await using var command = sql.Command(connection, transaction, new SummarizeCopiedJobsQuery(LowestId: lowest, HighestId: highest));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var copied = reader.GetInt64(reader.GetOrdinal("copied"));
        var attempts = reader.GetInt32(reader.GetOrdinal("attempts"));
        if (copied != count
            || reader.GetInt64(reader.GetOrdinal("filled")) != 0
            || attempts != reader.GetInt32(reader.GetOrdinal("attempts_max"))
            || !Uniform(reader, "created_at", copied, out var createdAt)
            || !Uniform(reader, "updated_at", copied, out var updatedAt))
        {
            return null;
        }
        return new FilledIn(attempts, createdAt, updatedAt);
    }

    /// <summary>Whether a nullable timestamp column holds one value (or NULL) on every row, from its min, max and count.</summary>
    private static bool Uniform(NpgsqlDataReader reader, string column, long rows, out DateTimeOffset? value)
    {
        value = null;
        var nonNull = reader.GetInt64(reader.GetOrdinal(column + "_count"));
        if (nonNull == 0)
        {
            return true;
        }
        var min = Timestamp(reader, reader.GetOrdinal(column));
        value = min;
        return nonNull == rows && min == Timestamp(reader, reader.GetOrdinal(column + "_max"));
    }

    private static async Task<JobRow[]> ReadRowsAsync(SqlQueries sql, NpgsqlConnection connection, NpgsqlTransaction? transaction,
        PreparedJob[] jobs, long[] ids, long lowest, long highest, CancellationToken cancellationToken)
    {
        // Ids drawn by one statement rise, so a binary search places each row without building a
        // dictionary of every id; the dictionary is only for a sequence that counts down.
        var rising = IsRising(ids);
        var positions = rising ? null : ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var rows = new JobRow[jobs.Length];
        await using var command = sql.Command(connection, transaction, new ReadCopiedJobsQuery(LowestId: lowest, HighestId: highest));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        int id = reader.GetOrdinal("id"), runAt = reader.GetOrdinal("run_at"), attempts = reader.GetOrdinal("attempts"),
            key = reader.GetOrdinal("key"), lastError = reader.GetOrdinal("last_error"), lockedAt = reader.GetOrdinal("locked_at"),
            lockedBy = reader.GetOrdinal("locked_by"), createdAt = reader.GetOrdinal("created_at"), updatedAt = reader.GetOrdinal("updated_at");
        var found = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var rowId = reader.GetInt64(id);
            var i = rising ? Array.BinarySearch(ids, rowId) : positions!.GetValueOrDefault(rowId, -1);
            if (i < 0)
            {
                continue;
            }
            rows[i] = Row(jobs[i], rowId, Timestamp(reader, runAt)!.Value, reader.GetInt32(attempts), Timestamp(reader, createdAt), Timestamp(reader, updatedAt),
                Text(reader, key), Text(reader, lastError), Timestamp(reader, lockedAt), Text(reader, lockedBy));
            found++;
        }
        if (found != jobs.Length)
        {
            throw new InvalidOperationException($"{jobs.Length - found} of {jobs.Length} copied jobs could not be read back.");
        }
        return rows;
    }

    private static JobRow Row(PreparedJob job, long id, DateTimeOffset runAt, int attempts, DateTimeOffset? createdAt, DateTimeOffset? updatedAt,
        string? key = null, string? lastError = null, DateTimeOffset? lockedAt = null, string? lockedBy = null) => new()
    {
        Id = id,
        DatabaseId = job.DatabaseId!.Value,
        QueueName = job.Queue,
        TaskIdentifier = job.Task,
        StoredPayload = job.Payload,
        Priority = job.Priority,
        RunAt = runAt,
        Attempts = attempts,
        MaxAttempts = job.MaxAttempts,
        Key = key,
        LastError = lastError,
        LockedAt = lockedAt,
        LockedBy = lockedBy,
        CreatedAt = createdAt,
        UpdatedAt = updatedAt,
    };

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

    private readonly record struct FilledIn(int Attempts, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);
}
