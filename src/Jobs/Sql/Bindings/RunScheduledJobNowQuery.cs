using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// run_scheduled_job_now.sql: fires the selected schedule now, whoever holds it; a previous job
/// locked longer than <paramref name="JobExpiry"/> no longer blocks it.
/// </summary>
internal sealed record RunScheduledJobNowQuery(ScheduleSelection Schedule, TimeSpan JobExpiry) : ISqlQuery
{
    public static string File => "run_scheduled_job_now";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        Schedule.Bind(parameters);
        parameters.Add(new NpgsqlParameter<double> { TypedValue = JobExpiry.TotalSeconds });
    }
}
