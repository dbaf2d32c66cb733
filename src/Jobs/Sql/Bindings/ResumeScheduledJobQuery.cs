using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>resume_scheduled_job.sql: resumes the selected schedule if <paramref name="PausedHolder"/> holds it.</summary>
internal sealed record ResumeScheduledJobQuery(ScheduleSelection Schedule, string PausedHolder) : ISqlQuery
{
    public static string File => "resume_scheduled_job";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        Schedule.Bind(parameters);
        parameters.Add(new NpgsqlParameter<string> { TypedValue = PausedHolder });
    }
}
