namespace Jobs.Schema;

/// <summary>One versioned step of the schema, read from an embedded SQL file named <c>NNNN_name.sql</c>.</summary>
/// <param name="Version">The step's number; steps run in ascending order.</param>
/// <param name="Name">The file name without the number and extension.</param>
/// <param name="Sql">The SQL, with <c>__SCHEMA__</c> standing for the quoted schema name.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    internal const string SchemaPlaceholder = "__SCHEMA__";

    /// <summary>The SQL with the placeholder replaced by <paramref name="schema"/>.</summary>
    public string SqlFor(SchemaName schema) => Sql.Replace(SchemaPlaceholder, schema.Quoted, StringComparison.Ordinal);
}
