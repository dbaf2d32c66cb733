using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>set_history_retention.sql: keeps records for <paramref name="Retention"/>.</summary>
internal sealed record SetHistoryRetentionQuery(TimeSpan Retention) : ISqlQuery
{
    public static string File => "set_history_retention";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Retention });
}
