using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>complete_jobs_batch.sql: completes the jobs of <paramref name="Results"/> still held in their attempt; returns the ids it applied to.</summary>
internal sealed record CompleteJobsBatchQuery(HeldResults Results) : ISqlQuery
{
    public static string File => "complete_jobs_batch";

    public void Bind(NpgsqlParameterCollection parameters) => Results.Bind(parameters);
}
