using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>fail_jobs_batch.sql: fails the jobs of <paramref name="Failures"/> still held in their attempt; returns the ids it applied to.</summary>
internal sealed record FailJobsBatchQuery(HeldFailures Failures) : ISqlQuery
{
    public static string File => "fail_jobs_batch";

    public void Bind(NpgsqlParameterCollection parameters) => Failures.Bind(parameters);
}
