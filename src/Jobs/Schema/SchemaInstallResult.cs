namespace Jobs.Schema;

/// <summary>What an install run found, what it applied, and what it left.</summary>
/// <param name="Before">The schema's state when the run took the migration lock.</param>
/// <param name="After">The schema's state when the run committed.</param>
/// <param name="Applied">The migrations this run applied; empty when there was nothing to do.</param>
public sealed record SchemaInstallResult(SchemaStatus Before, SchemaStatus After, IReadOnlyList<Migration> Applied)
{
    /// <summary>One line for an operator.</summary>
    public string Describe() => Applied.Count == 0
        ? Before.Describe()
        : $"schema {After.Schema}: applied {string.Join(", ", Applied.Select(m => $"{m.Version:D4}_{m.Name}"))}; now at version {After.InstalledVersion}";
}
