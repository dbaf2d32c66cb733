using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>force_unlock_dead_workers.sql: hands force_unlock_workers the workers whose every lock is older than <paramref name="JobExpirySeconds"/>.</summary>
internal sealed record ForceUnlockDeadWorkersQuery(double JobExpirySeconds) : ISqlQuery
{
    public static string File => "force_unlock_dead_workers";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<double> { TypedValue = JobExpirySeconds });
}
