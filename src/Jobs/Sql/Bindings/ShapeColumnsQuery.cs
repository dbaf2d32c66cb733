using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>shape_columns.sql: the columns of <paramref name="Table"/>, a qualified table name.</summary>
internal sealed record ShapeColumnsQuery(string Table) : ISqlQuery
{
    public static string File => "shape_columns";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Table });
}
