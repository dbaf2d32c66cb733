using System.Text.RegularExpressions;
using Jobs.Generators.FuzzTests.Infrastructure;

namespace Jobs.Generators.FuzzTests;

/// <summary>
/// Every shrunk declaration the fuzz test ever failed on, under Regressions/, run as data. A case
/// listed in <see cref="KnownGaps"/> must still disagree (the gap is real and documented; fixing it
/// flips this test: then delete the entry), any other case must agree or be refused by a diagnostic.
/// </summary>
public sealed partial class RegressionTests
{
    /// <summary>The regression files, by name.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }
        return data;
    }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Regressions");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Regression_case(string file)
    {
        var source = File.ReadAllText(Path.Combine(Folder, file));
        var seed = SeedPattern().Match(source) is { Success: true } s ? int.Parse(s.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
        var policy = PolicyPattern().Match(source) is { Success: true } p ? Enum.Parse<JobsNamingPolicy>(p.Groups[1].Value) : JobsNamingPolicy.SnakeCaseLower;

        var outcome = Assert.Single(FuzzHarness.Run(policy, [new CaseSource(Path.GetFileNameWithoutExtension(file), source, seed)], PayloadFuzzTests.ValuesPerCase));

        if (KnownGaps.ForFile(file) is { } gap)
        {
            Assert.True(outcome.Failure is not null && outcome.Diagnosed.IsEmpty, $"Known gap '{file}' no longer disagrees ({gap.Description}); it was fixed: remove it from KnownGaps. Outcome: {outcome}");
        }
        else
        {
            Assert.True(outcome.Failure is null, outcome.Failure);
        }
    }

    [Fact]
    public void Every_known_gap_has_its_regression_case()
    {
        foreach (var gap in KnownGaps.All)
        {
            Assert.True(File.Exists(Path.Combine(Folder, gap.RegressionFile)), gap.RegressionFile);
        }
    }

    [GeneratedRegex(@"^// value seed: (-?\d+)", RegexOptions.Multiline)]
    private static partial Regex SeedPattern();

    [GeneratedRegex(@"JobsSerialization\(NamingPolicy = JobsNamingPolicy\.(\w+)\)")]
    private static partial Regex PolicyPattern();
}
