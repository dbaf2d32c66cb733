using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>history_status.sql: whether the history schema <paramref name="HistorySchema"/> is installed, recordable and readable by the current role.</summary>
internal sealed record HistoryStatusQuery(string HistorySchema) : ISqlQuery
{
    public static string File => "history_status";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = HistorySchema });
}
