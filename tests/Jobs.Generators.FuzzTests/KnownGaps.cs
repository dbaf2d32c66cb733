using System.Collections.Immutable;
using Jobs.Generators.FuzzTests.TypeSpace;

namespace Jobs.Generators.FuzzTests;

/// <summary>
/// A disagreement the fuzz test found and nobody has fixed yet: the generator of types leaves out
/// every case it <see cref="Matches"/>, and the regression case <see cref="RegressionFile"/> asserts
/// that the disagreement is still there (so whoever fixes it flips the test and deletes the entry).
/// </summary>
public sealed record KnownGap(string RegressionFile, string Description, Func<PayloadCase, bool> Matches);

/// <summary>Every known disagreement, in one place. Nothing else is skipped.</summary>
public static class KnownGaps
{
    /// <summary>The known gaps.</summary>
    public static ImmutableArray<KnownGap> All { get; } =
    [
        new(
            "WhenWritingNullOnValueType.cs",
            "[JsonIgnore(Condition = WhenWritingNull)] on a non-nullable value-type member: System.Text.Json throws InvalidOperationException for the whole type, the generated code writes it with no diagnostic.",
            c => c.Types.Any(t => t.Members.Any(m => m.Ignore == "WhenWritingNull" && c.IsValueType(m.Type) && m.Type is not TypeRef.Nullable))),
        new(
            "RequiredIgnoredOnRead.cs",
            "A `required` member that is ignored on reading ([JsonIgnore], Always or WhenReading): the generated reader never sets it, so Jobs.Payloads.g.cs does not compile (CS9035), with no JOBS diagnostic.",
            c => AnyMember(c, m => m.Required && m.Ignore is "" or "Always" or "WhenReading")),
        new(
            "JsonNameCollision.cs",
            "Two members with the same JSON name (a [JsonPropertyName] or the naming policy makes them equal): System.Text.Json throws InvalidOperationException, the generated writer emits the key twice with no diagnostic.",
            c => Enumerable.Range(0, c.Types.Length).Any(i => c.AllMembers(i).GroupBy(m => JsonName(c.Policy, m), StringComparer.Ordinal).Any(g => g.Count() > 1))),
    ];

    /// <summary>The first gap the case falls into, if any.</summary>
    public static KnownGap? Matching(PayloadCase c) => All.FirstOrDefault(g => g.Matches(c));

    /// <summary>The gap whose regression case is <paramref name="file"/>, if any.</summary>
    public static KnownGap? ForFile(string file) => All.FirstOrDefault(g => g.RegressionFile == file);

    // Any two members, whether or not they are serialized: slightly wider than the gap itself.
    private static string JsonName(JobsNamingPolicy policy, MemberDecl m)
    {
        var name = m.Name.TrimStart('@');
        var converter = policy switch
        {
            JobsNamingPolicy.SnakeCaseLower => System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
            JobsNamingPolicy.SnakeCaseUpper => System.Text.Json.JsonNamingPolicy.SnakeCaseUpper,
            JobsNamingPolicy.KebabCaseLower => System.Text.Json.JsonNamingPolicy.KebabCaseLower,
            JobsNamingPolicy.KebabCaseUpper => System.Text.Json.JsonNamingPolicy.KebabCaseUpper,
            JobsNamingPolicy.CamelCase => System.Text.Json.JsonNamingPolicy.CamelCase,
            _ => null,
        };
        return m.JsonName ?? converter?.ConvertName(name) ?? name;
    }

    private static bool AnyMember(PayloadCase c, Func<MemberDecl, bool> predicate) => c.Types.Any(t => t.Members.Any(predicate));
}
