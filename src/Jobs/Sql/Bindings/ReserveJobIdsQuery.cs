using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>reserve_job_ids.sql: draws <paramref name="Count"/> ids from the jobs id sequence, with the transaction's now().</summary>
internal sealed record ReserveJobIdsQuery(int Count) : ISqlQuery
{
    public static string File => "reserve_job_ids";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Count });
}
