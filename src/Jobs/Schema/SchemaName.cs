using System.Text.RegularExpressions;

namespace Jobs.Schema;

/// <summary>
/// A validated PostgreSQL schema name. Every piece of SQL the framework builds takes the schema
/// from here, so an unsafe name can never reach the database.
/// </summary>
public sealed partial class SchemaName : IEquatable<SchemaName>
{
    /// <summary>The schema @pgpm/database-jobs deploys and the framework uses unless told otherwise.</summary>
    public static SchemaName Default { get; } = new("app_jobs");

    /// <summary>
    /// Validates <paramref name="name"/>: a letter or underscore, then up to 62 letters, digits or
    /// underscores; not one of PostgreSQL's own schemas (<c>information_schema</c>, or any name
    /// starting with <c>pg_</c>, a prefix PostgreSQL reserves).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a plain PostgreSQL identifier, or names a system schema.</exception>
    public SchemaName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IdentifierPattern().IsMatch(name))
        {
            // Echoed shortened: a name can be any length, and the message goes to logs and terminals.
            throw new ArgumentException(
                $"'{InputText.Echo(name)}' is not a valid schema name: use a letter or underscore followed by at most 62 letters, digits or underscores.",
                nameof(name));
        }
        // Case-sensitive, as PostgreSQL's own rule is: the name is always quoted, so "PG_x" is an
        // ordinary schema and only a lower-case pg_ prefix is reserved.
        if (name == "information_schema" || name.StartsWith("pg_", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{name}' is a system schema name (information_schema, or the pg_ prefix PostgreSQL reserves); choose another schema for the job tables.",
                nameof(name));
        }
        Value = name;
        Quoted = "\"" + name + "\"";
    }

    /// <summary>The name as given.</summary>
    public string Value { get; }

    /// <summary>The name as a quoted SQL identifier, ready to splice into a statement.</summary>
    public string Quoted { get; }

    /// <summary>Qualifies <paramref name="objectName"/> with this schema: <c>"app_jobs".jobs</c>.</summary>
    public string Qualify(string objectName) => Quoted + "." + objectName;

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(SchemaName? other) => other is not null && other.Value == Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SchemaName);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
