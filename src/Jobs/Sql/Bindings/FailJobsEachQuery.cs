using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>fail_jobs_each.sql: calls fail_job (and permanently_fail_jobs for permanent failures) for the jobs of <paramref name="Failures"/> still held in their attempt; returns the ids it applied to.</summary>
internal sealed record FailJobsEachQuery(HeldFailures Failures) : ISqlQuery
{
    public static string File => "fail_jobs_each";

    public void Bind(NpgsqlParameterCollection parameters) => Failures.Bind(parameters);
}
