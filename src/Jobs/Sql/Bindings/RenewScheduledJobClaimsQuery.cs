using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>renew_scheduled_job_claims.sql: refreshes the claims of <paramref name="ScheduleIds"/> that <paramref name="WorkerId"/> still holds, and returns those rows.</summary>
internal sealed record RenewScheduledJobClaimsQuery(string WorkerId, long[] ScheduleIds) : ISqlQuery
{
    public static string File => "renew_scheduled_job_claims";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ScheduleIds });
    }
}
