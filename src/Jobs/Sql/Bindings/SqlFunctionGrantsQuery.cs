using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>sql_function_grants.sql: who may run the functions of <paramref name="Schema"/> named one of <paramref name="Names"/>.</summary>
internal sealed record SqlFunctionGrantsQuery(string Schema, string[] Names) : ISqlQuery
{
    public static string File => "sql_function_grants";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Schema });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Names });
    }
}
