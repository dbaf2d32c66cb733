namespace Jobs.Schema;

/// <summary>The state of one schema, and what a migration would do to it.</summary>
/// <param name="Schema">The schema inspected.</param>
/// <param name="State">What was found.</param>
/// <param name="InstalledVersion">The framework's version recorded in the schema; 0 when none.</param>
/// <param name="Pending">Migrations an install would apply, oldest first.</param>
/// <param name="MissingFunctions">Functions the framework calls that an externally managed schema lacks.</param>
public sealed record SchemaStatus(
    SchemaName Schema,
    SchemaState State,
    int InstalledVersion,
    IReadOnlyList<Migration> Pending,
    IReadOnlyList<string> MissingFunctions)
{
    /// <summary>True when the framework can run against the schema as it is.</summary>
    public bool IsUsable => State is SchemaState.UpToDate or SchemaState.Newer
        || (State == SchemaState.ExternallyManaged && MissingFunctions.Count == 0);

    /// <summary>One line for an operator.</summary>
    public string Describe() => State switch
    {
        SchemaState.Missing => $"schema {Schema} is not installed; {Pending.Count} migration(s) to apply (up to version {Migrations.LatestVersion})",
        SchemaState.OutOfDate => $"schema {Schema} is at version {InstalledVersion}; {Pending.Count} migration(s) to apply: {string.Join(", ", Pending.Select(m => $"{m.Version:D4}_{m.Name}"))}",
        SchemaState.UpToDate => $"schema {Schema} is up to date (version {InstalledVersion})",
        SchemaState.Newer => $"schema {Schema} is at version {InstalledVersion}, newer than this build's {Migrations.LatestVersion}; left as it is",
        SchemaState.ExternallyManaged when MissingFunctions.Count == 0 =>
            $"schema {Schema} was deployed by another tool (pgpm); it is compatible and left untouched",
        _ => $"schema {Schema} was deployed by another tool (pgpm) but lacks {string.Join(", ", MissingFunctions)}; it is left untouched",
    };
}
