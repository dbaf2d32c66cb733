using Npgsql;
using NpgsqlTypes;

namespace Jobs.Sql.Bindings;

/// <summary>
/// Parameters whose value may be absent: sent as NULL of the named type, since a typed
/// <see cref="NpgsqlParameter{T}"/> cannot carry <see cref="DBNull"/>. Used by the bindings only.
/// </summary>
internal static class OrNull
{
    public static NpgsqlParameter Text(string? value) => Of(value, NpgsqlDbType.Text);

    public static NpgsqlParameter Uuid(Guid? value) => Of(value, NpgsqlDbType.Uuid);

    public static NpgsqlParameter Integer(int? value) => Of(value, NpgsqlDbType.Integer);

    public static NpgsqlParameter Bigint(long? value) => Of(value, NpgsqlDbType.Bigint);

    public static NpgsqlParameter TimestampTz(DateTime? value) => Of(value, NpgsqlDbType.TimestampTz);

    /// <summary>A text[]; null for none (a task filter left out, say).</summary>
    public static NpgsqlParameter TextArray(string[]? value) => Of(value, NpgsqlDbType.Array | NpgsqlDbType.Text);

    private static NpgsqlParameter Of(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
