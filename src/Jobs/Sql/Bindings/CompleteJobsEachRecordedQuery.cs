using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>complete_jobs_each_recorded.sql: <see cref="CompleteJobsEachQuery"/>, recording each completion in the history.</summary>
internal sealed record CompleteJobsEachRecordedQuery(HeldResults Results) : ISqlQuery
{
    public static string File => "complete_jobs_each_recorded";

    public void Bind(NpgsqlParameterCollection parameters) => Results.Bind(parameters);
}
