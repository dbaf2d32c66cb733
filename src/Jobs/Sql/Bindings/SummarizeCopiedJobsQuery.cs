using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>summarize_copied_jobs.sql: what the database filled in on the copied rows, by the range of reserved ids from <paramref name="LowestId"/> to <paramref name="HighestId"/>.</summary>
internal sealed record SummarizeCopiedJobsQuery(long LowestId, long HighestId) : ISqlQuery
{
    public static string File => "summarize_copied_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<long> { TypedValue = LowestId });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = HighestId });
    }
}
