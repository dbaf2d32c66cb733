using Npgsql;
using NpgsqlTypes;

namespace Jobs.Sql.Bindings;

/// <summary>
/// The eight values of one keyed schedule, as scheduled_job_is_current.sql and add_scheduled_job.sql
/// both take them ($1 to $8): the one place that knows their order.
/// </summary>
internal readonly record struct ScheduledJobValues(string Key, Guid DatabaseId, string TaskIdentifier, string PayloadJson,
    string ScheduleInfo, string? Queue, int Priority, int MaxAttempts)
{
    /// <summary>How many parameters <see cref="Bind"/> adds.</summary>
    public const int Count = 8;

    /// <summary>The values of <paramref name="job"/>, stored for <paramref name="databaseId"/>.</summary>
    public static ScheduledJobValues For(RecurringJob job, Guid databaseId) =>
        new(job.Key, databaseId, job.TaskIdentifier, job.PayloadJson, job.ScheduleInfo, job.Queue, job.Priority, job.MaxAttempts);

    /// <summary>Adds $1 to $8.</summary>
    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Key });
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = DatabaseId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = TaskIdentifier });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = PayloadJson });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = ScheduleInfo });
        parameters.Add(new NpgsqlParameter { Value = (object?)Queue ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Priority });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = MaxAttempts });
    }
}
