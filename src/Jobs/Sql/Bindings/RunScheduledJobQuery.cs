using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// run_scheduled_job.sql: fires one occurrence of <paramref name="ScheduleId"/> while <paramref name="WorkerId"/>
/// holds it; a previous job locked longer than <paramref name="JobExpiry"/> no longer blocks it.
/// </summary>
internal sealed record RunScheduledJobQuery(long ScheduleId, string WorkerId, TimeSpan JobExpiry) : ISqlQuery
{
    public static string File => "run_scheduled_job";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<long> { TypedValue = ScheduleId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(new NpgsqlParameter<double> { TypedValue = JobExpiry.TotalSeconds });
    }
}
