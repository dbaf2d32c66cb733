using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>reschedule_jobs.sql: sets the given fields of <paramref name="JobIds"/> (null leaves one as it is), within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record RescheduleJobsQuery(long[] JobIds, DateTimeOffset? RunAt, int? Priority, int? Attempts, int? MaxAttempts, Guid? DatabaseId) : ISqlQuery
{
    public static string File => "reschedule_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = JobIds });
        parameters.Add(OrNull.TimestampTz(RunAt?.UtcDateTime));
        parameters.Add(OrNull.Integer(Priority));
        parameters.Add(OrNull.Integer(Attempts));
        parameters.Add(OrNull.Integer(MaxAttempts));
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}
