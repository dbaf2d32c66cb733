using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>renew_locks.sql: refreshes the locks of <paramref name="JobIds"/>, still held by <paramref name="WorkerId"/>, and of their queues.</summary>
internal sealed record RenewLocksQuery(string WorkerId, long[] JobIds) : ISqlQuery
{
    public static string File => "renew_locks";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = JobIds });
    }
}
