using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>shape_indexes.sql: the indexes of <paramref name="Table"/>, a qualified table name.</summary>
internal sealed record ShapeIndexesQuery(string Table) : ISqlQuery
{
    public static string File => "shape_indexes";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Table });
}
