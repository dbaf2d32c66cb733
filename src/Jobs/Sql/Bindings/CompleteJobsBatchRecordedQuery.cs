using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>complete_jobs_batch_recorded.sql: <see cref="CompleteJobsBatchQuery"/>, recording each completion in the history.</summary>
internal sealed record CompleteJobsBatchRecordedQuery(HeldResults Results) : ISqlQuery
{
    public static string File => "complete_jobs_batch_recorded";

    public void Bind(NpgsqlParameterCollection parameters) => Results.Bind(parameters);
}
