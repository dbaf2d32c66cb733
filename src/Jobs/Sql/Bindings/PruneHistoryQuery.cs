using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>prune_history.sql: deletes up to <paramref name="MaxRows"/> records past the retention; returns how many.</summary>
internal sealed record PruneHistoryQuery(int MaxRows) : ISqlQuery
{
    public static string File => "prune_history";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<int> { TypedValue = MaxRows });
}
