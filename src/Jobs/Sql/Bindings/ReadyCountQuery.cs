using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>ready_count.sql: the jobs a worker fetching <paramref name="TaskIdentifiers"/> (null: every task) could start now, locks older than <paramref name="JobExpirySeconds"/> counted as free.</summary>
internal sealed record ReadyCountQuery(string[]? TaskIdentifiers, double JobExpirySeconds) : ISqlQuery
{
    public static string File => "ready_count";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(OrNull.TextArray(TaskIdentifiers));
        parameters.Add(new NpgsqlParameter<double> { TypedValue = JobExpirySeconds });
    }
}
