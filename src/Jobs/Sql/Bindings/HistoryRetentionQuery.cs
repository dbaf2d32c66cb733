using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>history_retention.sql: how long the history keeps records; no parameters.</summary>
internal sealed record HistoryRetentionQuery : ISqlQuery
{
    public static string File => "history_retention";

    public void Bind(NpgsqlParameterCollection parameters)
    {
    }
}
