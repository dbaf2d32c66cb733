using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>fetch_jobs.sql: locks and returns up to <paramref name="Max"/> jobs for <paramref name="WorkerId"/>, with get_job's rules, of <paramref name="TaskIdentifiers"/> (null: every task).</summary>
internal sealed record FetchJobsQuery(string WorkerId, string[]? TaskIdentifiers, int Max, double JobExpirySeconds) : ISqlQuery
{
    public static string File => "fetch_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(OrNull.TextArray(TaskIdentifiers));
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Max });
        parameters.Add(new NpgsqlParameter<double> { TypedValue = JobExpirySeconds });
    }
}
