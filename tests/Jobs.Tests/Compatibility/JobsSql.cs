using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Jobs.Tests.Compatibility;

public sealed record JobRow(
    long Id,
    Guid DatabaseId,
    string? QueueName,
    string TaskIdentifier,
    string Payload,
    int Priority,
    DateTime RunAt,
    int Attempts,
    int MaxAttempts,
    string? Key,
    string? LastError,
    DateTime? LockedAt,
    string? LockedBy,
    DateTime? CreatedAt,
    DateTime? UpdatedAt);

public sealed record ScheduledJobRow(
    long Id,
    Guid DatabaseId,
    string? QueueName,
    string TaskIdentifier,
    string Payload,
    int Priority,
    int MaxAttempts,
    string? Key,
    DateTime? LockedAt,
    string? LockedBy,
    string ScheduleInfo,
    DateTime? LastScheduled,
    long? LastScheduledId);

public sealed record QueueRow(string QueueName, int JobCount, DateTime? LockedAt, string? LockedBy);

public sealed class RowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}

// Calls the app_jobs functions with named arguments only (an omitted option is left to the
// function's default) and reads rows by column name, so extra columns of newer schemas are harmless.
public static class JobsSql
{
    public static readonly Guid DatabaseId = Guid.Parse("5b720132-17d5-424d-9bcb-ee7b17c13d43");

    public static Task<JobRow> AddJobAsync(
        this NpgsqlDataSource dataSource,
        string identifier,
        string? payload = null,
        string? jobKey = null,
        string? queueName = null,
        DateTime? runAt = null,
        int? maxAttempts = null,
        int? priority = null,
        Guid? actorId = null) =>
        new Call("add_job")
            .Arg("db_id", DatabaseId)
            .Arg("identifier", identifier)
            .Json("payload", payload)
            .Arg("job_key", jobKey)
            .Arg("queue_name", queueName)
            .Arg("run_at", runAt)
            .Arg("max_attempts", maxAttempts)
            .Arg("priority", priority)
            .Arg("actor_id", actorId)
            .SingleAsync(dataSource, ReadJob);

    public static Task<JobRow?> GetJobAsync(
        this NpgsqlDataSource dataSource,
        string? workerId,
        string[]? taskIdentifiers = null,
        TimeSpan? jobExpiry = null) =>
        new Call("get_job")
            .Arg("worker_id", workerId, always: true)
            .Arg("task_identifiers", taskIdentifiers)
            .Arg("job_expiry", jobExpiry)
            .SingleOrNullAsync(dataSource, ReadJob);

    public static Task<JobRow?> CompleteJobAsync(this NpgsqlDataSource dataSource, string workerId, long jobId) =>
        new Call("complete_job")
            .Arg("worker_id", workerId)
            .Arg("job_id", jobId)
            .SingleOrNullAsync(dataSource, ReadJob);

    public static Task<JobRow?> FailJobAsync(this NpgsqlDataSource dataSource, string workerId, long jobId, string? errorMessage) =>
        new Call("fail_job")
            .Arg("worker_id", workerId)
            .Arg("job_id", jobId)
            .Arg("error_message", errorMessage, always: true)
            .SingleOrNullAsync(dataSource, ReadJob);

    public static Task<List<JobRow>> CompleteJobsAsync(this NpgsqlDataSource dataSource, params long[] jobIds) =>
        new Call("complete_jobs")
            .Arg("job_ids", jobIds)
            .ListAsync(dataSource, ReadJob);

    public static Task<List<JobRow>> PermanentlyFailJobsAsync(this NpgsqlDataSource dataSource, long[] jobIds, string? errorMessage = null) =>
        new Call("permanently_fail_jobs")
            .Arg("job_ids", jobIds)
            .Arg("error_message", errorMessage)
            .ListAsync(dataSource, ReadJob);

    public static Task<List<JobRow>> RescheduleJobsAsync(
        this NpgsqlDataSource dataSource,
        long[] jobIds,
        DateTime? runAt = null,
        int? priority = null,
        int? attempts = null,
        int? maxAttempts = null) =>
        new Call("reschedule_jobs")
            .Arg("job_ids", jobIds)
            .Arg("run_at", runAt)
            .Arg("priority", priority)
            .Arg("attempts", attempts)
            .Arg("max_attempts", maxAttempts)
            .ListAsync(dataSource, ReadJob);

    public static Task ReleaseJobsAsync(this NpgsqlDataSource dataSource, string workerId) =>
        new Call("release_jobs", returnsRow: false)
            .Arg("worker_id", workerId)
            .ExecuteAsync(dataSource);

    public static Task<ScheduledJobRow> AddScheduledJobAsync(
        this NpgsqlDataSource dataSource,
        string identifier,
        string? payload = null,
        string? scheduleInfo = null,
        string? jobKey = null,
        string? queueName = null,
        int? maxAttempts = null,
        int? priority = null,
        Guid? actorId = null) =>
        new Call("add_scheduled_job")
            .Arg("db_id", DatabaseId)
            .Arg("identifier", identifier)
            .Json("payload", payload)
            .Json("schedule_info", scheduleInfo)
            .Arg("job_key", jobKey)
            .Arg("queue_name", queueName)
            .Arg("max_attempts", maxAttempts)
            .Arg("priority", priority)
            .Arg("actor_id", actorId)
            .SingleAsync(dataSource, ReadScheduledJob);

    public static Task<ScheduledJobRow?> GetScheduledJobAsync(this NpgsqlDataSource dataSource, string? workerId, string[]? taskIdentifiers = null) =>
        new Call("get_scheduled_job")
            .Arg("worker_id", workerId, always: true)
            .Arg("task_identifiers", taskIdentifiers)
            .SingleOrNullAsync(dataSource, ReadScheduledJob);

    public static Task<JobRow> RunScheduledJobAsync(this NpgsqlDataSource dataSource, long id, TimeSpan? jobExpiry = null) =>
        new Call("run_scheduled_job")
            .Arg("id", id)
            .Arg("job_expiry", jobExpiry)
            .SingleAsync(dataSource, ReadJob);

    public static Task ReleaseScheduledJobsAsync(this NpgsqlDataSource dataSource, string workerId, long[]? ids = null) =>
        new Call("release_scheduled_jobs", returnsRow: false)
            .Arg("worker_id", workerId)
            .Arg("ids", ids)
            .ExecuteAsync(dataSource);

    public static async Task<JobRow?> FindJobAsync(this NpgsqlDataSource dataSource, long id) =>
        (await dataSource.QueryAsync("SELECT * FROM app_jobs.jobs WHERE id = $1", ReadJob, id)).SingleOrDefault();

    public static Task<List<JobRow>> AllJobsAsync(this NpgsqlDataSource dataSource) =>
        dataSource.QueryAsync("SELECT * FROM app_jobs.jobs ORDER BY id", ReadJob);

    public static async Task<ScheduledJobRow?> FindScheduledJobAsync(this NpgsqlDataSource dataSource, long id) =>
        (await dataSource.QueryAsync("SELECT * FROM app_jobs.scheduled_jobs WHERE id = $1", ReadScheduledJob, id)).SingleOrDefault();

    public static Task<List<ScheduledJobRow>> AllScheduledJobsAsync(this NpgsqlDataSource dataSource) =>
        dataSource.QueryAsync("SELECT * FROM app_jobs.scheduled_jobs ORDER BY id", ReadScheduledJob);

    public static async Task<QueueRow?> FindQueueAsync(this NpgsqlDataSource dataSource, string queueName) =>
        (await dataSource.QueryAsync("SELECT * FROM app_jobs.job_queues WHERE queue_name = $1", ReadQueue, queueName)).SingleOrDefault();

    public static Task<List<QueueRow>> AllQueuesAsync(this NpgsqlDataSource dataSource) =>
        dataSource.QueryAsync("SELECT * FROM app_jobs.job_queues ORDER BY queue_name", ReadQueue);

    // Moves a job's lock into the past instead of waiting for it to age.
    public static Task AgeJobLockAsync(this NpgsqlDataSource dataSource, long jobId, TimeSpan age) =>
        dataSource.ExecuteAsync("UPDATE app_jobs.jobs SET locked_at = now() - $2 WHERE id = $1", jobId, age);

    public static Task AgeQueueLockAsync(this NpgsqlDataSource dataSource, string queueName, TimeSpan age) =>
        dataSource.ExecuteAsync("UPDATE app_jobs.job_queues SET locked_at = now() - $2 WHERE queue_name = $1", queueName, age);

    // Makes a failed job due again (fail_job pushes run_at into the future).
    public static Task MakeDueAsync(this NpgsqlDataSource dataSource, long jobId) =>
        dataSource.ExecuteAsync("UPDATE app_jobs.jobs SET run_at = now() - interval '1 second' WHERE id = $1", jobId);

    // Holds FOR UPDATE locks on the rows a query selects, in an open transaction, until disposed:
    // what a concurrent worker's transaction looks like to get_job.
    public static async Task<RowLock> LockRowsAsync(this NpgsqlDataSource dataSource, string selectForUpdate, params object?[] parameters)
    {
        var connection = await dataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(selectForUpdate, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }
        Assert.NotNull(await command.ExecuteScalarAsync());
        return new RowLock(connection, transaction);
    }

    // A data source whose statements fail (55P03) instead of waiting long for a row lock, so a
    // function that should skip locked rows but waits makes the test fail rather than hang.
    public static NpgsqlDataSource CreateImpatientDataSource(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c lock_timeout=5s" });

    public static async Task<DateTime> NowAsync(this NpgsqlDataSource dataSource) =>
        await dataSource.ScalarAsync<DateTime>("SELECT now()");

    public static async Task<int> ExecuteAsync(this NpgsqlDataSource dataSource, string sql, params object?[] parameters)
    {
        await using var command = Command(dataSource, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(this NpgsqlDataSource dataSource, string sql, params object?[] parameters)
    {
        await using var command = Command(dataSource, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public static async Task<List<T>> QueryAsync<T>(this NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> read, params object?[] parameters)
    {
        await using var command = Command(dataSource, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public static async Task<PostgresException> ThrowsPostgresAsync(string sqlState, Func<Task> action)
    {
        var exception = await Assert.ThrowsAsync<PostgresException>(action);
        Assert.True(exception.SqlState == sqlState, $"Expected SQLSTATE {sqlState}, got {exception.SqlState}: {exception.MessageText}");
        return exception;
    }

    public static void AssertJson(string expected, string actual)
    {
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)),
            $"Expected JSON {expected}, got {actual}");
    }

    public static JobRow ReadJob(NpgsqlDataReader reader) => new(
        Get<long>(reader, "id"),
        Get<Guid>(reader, "database_id"),
        GetOrNull<string>(reader, "queue_name"),
        Get<string>(reader, "task_identifier"),
        Get<string>(reader, "payload"),
        Get<int>(reader, "priority"),
        Get<DateTime>(reader, "run_at"),
        Get<int>(reader, "attempts"),
        Get<int>(reader, "max_attempts"),
        GetOrNull<string>(reader, "key"),
        GetOrNull<string>(reader, "last_error"),
        GetNullable<DateTime>(reader, "locked_at"),
        GetOrNull<string>(reader, "locked_by"),
        GetNullable<DateTime>(reader, "created_at"),
        GetNullable<DateTime>(reader, "updated_at"));

    public static ScheduledJobRow ReadScheduledJob(NpgsqlDataReader reader) => new(
        Get<long>(reader, "id"),
        Get<Guid>(reader, "database_id"),
        GetOrNull<string>(reader, "queue_name"),
        Get<string>(reader, "task_identifier"),
        Get<string>(reader, "payload"),
        Get<int>(reader, "priority"),
        Get<int>(reader, "max_attempts"),
        GetOrNull<string>(reader, "key"),
        GetNullable<DateTime>(reader, "locked_at"),
        GetOrNull<string>(reader, "locked_by"),
        Get<string>(reader, "schedule_info"),
        GetNullable<DateTime>(reader, "last_scheduled"),
        GetNullable<long>(reader, "last_scheduled_id"));

    public static QueueRow ReadQueue(NpgsqlDataReader reader) => new(
        Get<string>(reader, "queue_name"),
        Get<int>(reader, "job_count"),
        GetNullable<DateTime>(reader, "locked_at"),
        GetOrNull<string>(reader, "locked_by"));

    private static T Get<T>(NpgsqlDataReader reader, string column) => reader.GetFieldValue<T>(reader.GetOrdinal(column));

    private static T? GetOrNull<T>(NpgsqlDataReader reader, string column)
        where T : class
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

    private static T? GetNullable<T>(NpgsqlDataReader reader, string column)
        where T : struct
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

    private static NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql, object?[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }
        return command;
    }

    // One function call with named arguments: SELECT * FROM app_jobs.f(a => $1, b => $2).
    private sealed class Call(string function, bool returnsRow = true)
    {
        private readonly List<string> _arguments = [];
        private readonly List<NpgsqlParameter> _parameters = [];

        public Call Arg(string name, object? value, bool always = false)
        {
            if (value is not null || always)
            {
                _parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                _arguments.Add($"{name} => ${_parameters.Count}");
            }
            return this;
        }

        public Call Json(string name, string? json)
        {
            if (json is not null)
            {
                _parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Json });
                _arguments.Add($"{name} => ${_parameters.Count}");
            }
            return this;
        }

        private string Sql => returnsRow
            ? $"SELECT * FROM app_jobs.{function}({string.Join(", ", _arguments)})"
            : $"SELECT app_jobs.{function}({string.Join(", ", _arguments)})";

        public async Task<T> SingleAsync<T>(NpgsqlDataSource dataSource, Func<NpgsqlDataReader, T> read)
            where T : class =>
            await SingleOrNullAsync(dataSource, read) ?? throw new InvalidOperationException($"{function} returned no row.");

        // A function returning a composite yields one all-NULL row for "nothing": id IS NULL.
        public async Task<T?> SingleOrNullAsync<T>(NpgsqlDataSource dataSource, Func<NpgsqlDataReader, T> read)
            where T : class
        {
            var rows = await ListRowsAsync(dataSource, reader => reader.IsDBNull(reader.GetOrdinal("id")) ? null : read(reader));
            return Assert.Single(rows);
        }

        public async Task<List<T>> ListAsync<T>(NpgsqlDataSource dataSource, Func<NpgsqlDataReader, T> read) =>
            await ListRowsAsync(dataSource, read);

        public async Task ExecuteAsync(NpgsqlDataSource dataSource) => await dataSource.ExecuteAsync(Sql, [.. _parameters]);

        private Task<List<T>> ListRowsAsync<T>(NpgsqlDataSource dataSource, Func<NpgsqlDataReader, T> read) =>
            dataSource.QueryAsync(Sql, read, [.. _parameters]);
    }
}
