using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>release_scheduled_jobs.sql: gives up every schedule <paramref name="WorkerId"/> holds.</summary>
internal sealed record ReleaseScheduledJobsQuery(string WorkerId) : ISqlQuery
{
    public static string File => "release_scheduled_jobs";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
}
