namespace Jobs.Generators.Model;

/// <summary>The compilation-wide inputs: names derived from the assembly and <c>[assembly: JobsSerialization]</c>.</summary>
/// <param name="Identifier">The assembly name as one PascalCase identifier, for per-assembly type and method names.</param>
/// <param name="NamingPolicy">How JSON property names are derived.</param>
/// <param name="ContextTypeName">The JsonSerializerContext for other types, fully qualified; null when none is named.</param>
internal sealed record AssemblySettings(string Identifier, JobsNamingPolicy NamingPolicy, string? ContextTypeName);
