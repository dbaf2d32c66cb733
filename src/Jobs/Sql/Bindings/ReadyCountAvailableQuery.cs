using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>ready_count_available.sql: ready_count on a schema with is_available, for <paramref name="TaskIdentifiers"/> (null: every task).</summary>
internal sealed record ReadyCountAvailableQuery(string[]? TaskIdentifiers) : ISqlQuery
{
    public static string File => "ready_count_available";

    public void Bind(NpgsqlParameterCollection parameters) => parameters.Add(OrNull.TextArray(TaskIdentifiers));
}
