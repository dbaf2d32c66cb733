using Npgsql;

namespace Jobs.Sql;

/// <summary>
/// One embedded query (<c>Sql/Queries/&lt;File&gt;.sql</c>) with the values of its parameters, by
/// name: the one place that knows their order. The .sql file's header declares the same
/// parameters (<c>-- $1 worker_id text: ...</c>), and <c>SqlBindingTests</c> checks that every file
/// has exactly one binding and that header, body and binding agree on the count.
/// </summary>
internal interface ISqlQuery
{
    /// <summary>The file under <c>Sql/Queries</c>, without <c>.sql</c>.</summary>
    static abstract string File { get; }

    /// <summary>Adds the parameters in the order the file numbers them ($1, $2, ...).</summary>
    void Bind(NpgsqlParameterCollection parameters);

    /// <summary>The statement to run, from the file's text: the text itself unless this query varies it (optional arguments, say).</summary>
    string Shape(string text) => text;
}
