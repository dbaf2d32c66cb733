using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>sql_functions_named.sql: the functions of <paramref name="Schema"/> named one of <paramref name="Names"/>, with their comments.</summary>
internal sealed record SqlFunctionsNamedQuery(string Schema, string[] Names) : ISqlQuery
{
    public static string File => "sql_functions_named";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Schema });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Names });
    }
}
