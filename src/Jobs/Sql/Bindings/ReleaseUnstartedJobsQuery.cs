using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>release_unstarted_jobs.sql: gives back <paramref name="JobIds"/>, fetched by <paramref name="WorkerId"/> and never started, each in the attempt of the same index in <paramref name="Attempts"/>.</summary>
internal sealed record ReleaseUnstartedJobsQuery(string WorkerId, long[] JobIds, int[] Attempts) : ISqlQuery
{
    public static string File => "release_unstarted_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = JobIds });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = Attempts });
    }
}
