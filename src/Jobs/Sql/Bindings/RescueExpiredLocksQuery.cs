using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>rescue_expired_locks.sql: frees job and queue locks older than <paramref name="JobExpirySeconds"/>.</summary>
internal sealed record RescueExpiredLocksQuery(double JobExpirySeconds) : ISqlQuery
{
    public static string File => "rescue_expired_locks";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<double> { TypedValue = JobExpirySeconds });
}
