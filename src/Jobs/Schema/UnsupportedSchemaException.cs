namespace Jobs.Schema;

/// <summary>The schema lacks something the framework calls; raised once, at start, never in the middle of a job.</summary>
public sealed class UnsupportedSchemaException : InvalidOperationException
{
    /// <summary>An exception for <paramref name="schema"/> listing its <paramref name="problems"/>.</summary>
    public UnsupportedSchemaException(SchemaName schema, IReadOnlyList<string> problems)
        : base($"Jobs cannot use schema {schema}: {string.Join("; ", problems)}. `jobs migrate --check` reports the schema's shape.")
    {
        Schema = schema;
        Problems = problems;
    }

    /// <summary>The schema inspected.</summary>
    public SchemaName Schema { get; }

    /// <summary>What it lacks.</summary>
    public IReadOnlyList<string> Problems { get; }
}
