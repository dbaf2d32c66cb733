using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>sql_functions_marked.sql: the functions of <paramref name="Schema"/> whose comment is LIKE <paramref name="CommentPattern"/>.</summary>
internal sealed record SqlFunctionsMarkedQuery(string Schema, string CommentPattern) : ISqlQuery
{
    public static string File => "sql_functions_marked";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Schema });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = CommentPattern });
    }
}
