using Npgsql;
using NpgsqlTypes;

namespace Jobs.Sql;

/// <summary>The task filter as the queries take it: a text[] of task identifiers, NULL for every task.</summary>
internal static class TaskFilter
{
    /// <summary>The parameter for <paramref name="taskIdentifiers"/>; null matches every task.</summary>
    public static NpgsqlParameter Parameter(string[]? taskIdentifiers) => new()
    {
        Value = taskIdentifiers is null ? DBNull.Value : taskIdentifiers,
        NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
    };
}
