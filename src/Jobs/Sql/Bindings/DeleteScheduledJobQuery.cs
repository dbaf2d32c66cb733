using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>delete_scheduled_job.sql: deletes the selected schedule.</summary>
internal sealed record DeleteScheduledJobQuery(ScheduleSelection Schedule) : ISqlQuery
{
    public static string File => "delete_scheduled_job";

    public void Bind(NpgsqlParameterCollection parameters) => Schedule.Bind(parameters);
}
