using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>release_jobs.sql: the schema's release_jobs for everything <paramref name="WorkerId"/> holds.</summary>
internal sealed record ReleaseJobsQuery(string WorkerId) : ISqlQuery
{
    public static string File => "release_jobs";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
}
