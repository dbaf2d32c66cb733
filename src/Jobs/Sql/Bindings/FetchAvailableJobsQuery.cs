using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>fetch_available_jobs.sql: fetch_jobs on a schema with is_available: locks and returns up to <paramref name="Max"/> jobs for <paramref name="WorkerId"/>, with 0.47's get_job rules, of <paramref name="TaskIdentifiers"/> (null: every task).</summary>
internal sealed record FetchAvailableJobsQuery(string WorkerId, string[]? TaskIdentifiers, int Max, double JobExpirySeconds) : ISqlQuery
{
    public static string File => "fetch_available_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(OrNull.TextArray(TaskIdentifiers));
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Max });
        parameters.Add(new NpgsqlParameter<double> { TypedValue = JobExpirySeconds });
    }
}
