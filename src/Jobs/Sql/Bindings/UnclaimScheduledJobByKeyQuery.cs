using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>unclaim_scheduled_job_by_key.sql: clears the claim on the schedule keyed <paramref name="Key"/>, so add_scheduled_job updates it in place.</summary>
internal sealed record UnclaimScheduledJobByKeyQuery(string Key) : ISqlQuery
{
    public static string File => "unclaim_scheduled_job_by_key";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Key });
}
