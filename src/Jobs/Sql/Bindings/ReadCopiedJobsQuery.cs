using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>read_copied_jobs.sql: the copied rows' filled-in columns, by the range of reserved ids from <paramref name="LowestId"/> to <paramref name="HighestId"/>.</summary>
internal sealed record ReadCopiedJobsQuery(long LowestId, long HighestId) : ISqlQuery
{
    public static string File => "read_copied_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<long> { TypedValue = LowestId });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = HighestId });
    }
}
