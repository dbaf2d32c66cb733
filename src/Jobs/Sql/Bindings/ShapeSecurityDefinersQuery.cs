using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>shape_security_definers.sql: the SECURITY DEFINER functions of the schema <paramref name="Schema"/> that do not pin search_path.</summary>
internal sealed record ShapeSecurityDefinersQuery(string Schema) : ISqlQuery
{
    public static string File => "shape_security_definers";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Schema });
}
