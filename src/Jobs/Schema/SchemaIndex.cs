namespace Jobs.Schema;

/// <summary>An index of the jobs table as the catalog describes it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Keys">Its key columns in order (INCLUDE columns left out).</param>
/// <param name="Predicate">Its WHERE clause as PostgreSQL prints it, or null for a full index.</param>
/// <param name="IsValid">False while CREATE INDEX CONCURRENTLY is unfinished or after it failed.</param>
public sealed record SchemaIndex(string Name, IReadOnlyList<string> Keys, string? Predicate, bool IsValid);
