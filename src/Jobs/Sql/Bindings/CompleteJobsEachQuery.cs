using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>complete_jobs_each.sql: calls complete_job for the jobs of <paramref name="Results"/> still held in their attempt; returns the ids it applied to.</summary>
internal sealed record CompleteJobsEachQuery(HeldResults Results) : ISqlQuery
{
    public static string File => "complete_jobs_each";

    public void Bind(NpgsqlParameterCollection parameters) => Results.Bind(parameters);
}
