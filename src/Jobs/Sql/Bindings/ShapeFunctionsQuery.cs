using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>shape_functions.sql: the functions of the schema <paramref name="Schema"/> with their parameter names.</summary>
internal sealed record ShapeFunctionsQuery(string Schema) : ISqlQuery
{
    public static string File => "shape_functions";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Schema });
}
