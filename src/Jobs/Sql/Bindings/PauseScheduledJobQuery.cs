using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>pause_scheduled_job.sql: pauses the selected schedule: <paramref name="PausedHolder"/> claims it for ever.</summary>
internal sealed record PauseScheduledJobQuery(ScheduleSelection Schedule, string PausedHolder) : ISqlQuery
{
    public static string File => "pause_scheduled_job";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        Schedule.Bind(parameters);
        parameters.Add(new NpgsqlParameter<string> { TypedValue = PausedHolder });
    }
}
