using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>get_jobs.sql: get_job called <paramref name="Calls"/> times in one statement for <paramref name="WorkerId"/>, of <paramref name="TaskIdentifiers"/> (null: every task).</summary>
internal sealed record GetJobsQuery(string WorkerId, string[]? TaskIdentifiers, double JobExpirySeconds, int Calls) : ISqlQuery
{
    public static string File => "get_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(OrNull.TextArray(TaskIdentifiers));
        parameters.Add(new NpgsqlParameter<double> { TypedValue = JobExpirySeconds });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Calls });
    }
}
