using System.Data.Common;

namespace Jobs.Sql;

/// <summary>
/// Reads one kind of row by column name: created once per result set (ordinals looked up once),
/// then <see cref="Read"/> per row. <see cref="RowReader.ReadAllAsync{TReader, TRow}"/> drives it.
/// </summary>
internal interface IRowReader<TSelf, TRow> where TSelf : IRowReader<TSelf, TRow> where TRow : class
{
    /// <summary>Looks up the ordinals of the reader's current result set.</summary>
    static abstract TSelf Create(DbDataReader reader);

    /// <summary>The row under the reader, or null when it is the all-NULL row a function returns for "none".</summary>
    TRow? Read(DbDataReader reader);
}

/// <summary>The loop and the column helpers every <see cref="IRowReader{TSelf, TRow}"/> shares.</summary>
internal static class RowReader
{
    /// <summary>Reads every row of the current result set, skipping all-NULL rows.</summary>
    public static async Task<List<TRow>> ReadAllAsync<TReader, TRow>(DbDataReader reader, CancellationToken cancellationToken)
        where TReader : IRowReader<TReader, TRow> where TRow : class
    {
        var rows = new List<TRow>();
        TReader? columns = default;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns ??= TReader.Create(reader);
            if (columns.Read(reader) is { } row)
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>The ordinal of <paramref name="name"/>, or -1 when the result set has no such column.</summary>
    public static int Optional(DbDataReader reader, string name)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (reader.GetName(i) == name)
            {
                return i;
            }
        }
        return -1;
    }

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static Guid? NullableGuid(DbDataReader reader, int ordinal) =>
        ordinal < 0 || reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    public static DateTimeOffset Timestamp(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    public static DateTimeOffset? NullableTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Timestamp(reader, ordinal);
}
