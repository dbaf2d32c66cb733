using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>lock_job.sql: takes job <paramref name="JobId"/> for <paramref name="WorkerId"/> now, whatever its run_at, if its task is one of <paramref name="TaskIdentifiers"/>; returns the row, or nothing when it cannot run now.</summary>
internal sealed record LockJobQuery(string WorkerId, long JobId, double JobExpirySeconds, string[] TaskIdentifiers) : ISqlQuery
{
    public static string File => "lock_job";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = JobId });
        parameters.Add(new NpgsqlParameter<double> { TypedValue = JobExpirySeconds });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = TaskIdentifiers });
    }
}
