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
    public static ImmutableArray<KnownGap> All { get; } = [];

    /// <summary>The first gap the case falls into, if any.</summary>
    public static KnownGap? Matching(PayloadCase c) => All.FirstOrDefault(g => g.Matches(c));

    /// <summary>The gap whose regression case is <paramref name="file"/>, if any.</summary>
    public static KnownGap? ForFile(string file) => All.FirstOrDefault(g => g.RegressionFile == file);
}
