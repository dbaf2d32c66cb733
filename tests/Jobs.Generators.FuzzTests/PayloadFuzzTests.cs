using System.Collections.Concurrent;
using System.Text;
using CsCheck;
using Jobs.Generators.FuzzTests.Infrastructure;
using Jobs.Generators.FuzzTests.TypeSpace;

namespace Jobs.Generators.FuzzTests;

/// <summary>
/// Random payload declarations, compiled with the Jobs generator and analyzers: each is either refused
/// by a JOBS diagnostic or read and written exactly as System.Text.Json (reflection and source-generated)
/// reads and writes it, under the assembly's naming policy.
/// </summary>
public sealed class PayloadFuzzTests(ITestOutputHelper output)
{
    /// <summary>Cases per compilation.</summary>
    private const int BatchSize = 25;

    /// <summary>Random values tried on each case that compiles without a JOBS diagnostic.</summary>
    public const int ValuesPerCase = 20;

    /// <summary>Types per run: JOBS_FUZZ_TYPES, at least 300.</summary>
    private static int TypeCount => int.TryParse(Environment.GetEnvironmentVariable("JOBS_FUZZ_TYPES"), out var n) && n > 0 ? n : 300;

    private static Gen<FuzzBatch> Batches { get; } =
        PayloadGen.Policy.SelectMany(policy => PayloadGen.Case(0, policy).Array[BatchSize]
            .Select(cases => new FuzzBatch(policy, [.. cases.Select((c, i) => c with { Id = i })])));

    [Fact]
    public void Random_payload_types_are_refused_or_agree_with_System_Text_Json()
    {
        var outcomes = new ConcurrentBag<CaseOutcome>();
        var started = DateTime.UtcNow;
        Batches.Sample(
            batch =>
            {
                var results = Run(batch);
                foreach (var result in results)
                {
                    outcomes.Add(result);
                }
                var failures = results.Where(r => r.Failure is not null).ToList();
                if (failures.Count > 0)
                {
                    throw new InvalidOperationException(string.Join("\n", failures.Select(f => $"{f.Name}: {f.Failure}")));
                }
            },
            writeLine: output.WriteLine,
            seed: Environment.GetEnvironmentVariable("JOBS_FUZZ_SEED"),
            iter: (TypeCount + BatchSize - 1) / BatchSize,
            print: Print);

        var all = outcomes.ToList();
        var compared = all.Count(o => o.Compared > 0);
        output.WriteLine($"{all.Count} types in {(DateTime.UtcNow - started).TotalSeconds:F0}s: {compared} compared ({all.Count(o => o.SourceGenerated)} also source-generated, {all.Sum(o => o.Compared)} values), {all.Count(o => !o.Diagnosed.IsEmpty)} refused");
        foreach (var group in all.SelectMany(o => o.Diagnosed).GroupBy(id => id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }
        Assert.True(all.Count >= TypeCount, $"only {all.Count} types ran");
        // Guard against a fuzzer that only produces refused shapes.
        Assert.True(compared * 3 >= all.Count, $"only {compared} of {all.Count} types were compared");
    }

    /// <summary>Runs a batch of cases in one compilation.</summary>
    internal static IReadOnlyList<CaseOutcome> Run(FuzzBatch batch) =>
        FuzzHarness.Run(batch.Policy, [.. batch.Cases.Select(c => new CaseSource($"C{c.Id}", c.Render(withPolicy: false), c.ValueSeed))], ValuesPerCase);

    /// <summary>For a failing batch: each failing case, shrunk, as C# source with its seed and what differs.</summary>
    private static string Print(FuzzBatch batch)
    {
        var text = new StringBuilder($"Naming policy {batch.Policy}; {batch.Cases.Length} cases in the batch.\n");
        var outcomes = Run(batch);
        foreach (var failed in outcomes.Where(o => o.Failure is not null).Take(3))
        {
            var c = batch.Cases.Single(x => $"C{x.Id}" == failed.Name);
            var (small, failure) = Shrinker.Shrink(c, failed.Failure!, ValuesPerCase, TimeSpan.FromSeconds(90));
            text.AppendLine($"---- smallest failing declaration (shrunk from {failed.Name}; value seed {small.ValueSeed}) ----");
            text.AppendLine($"// value seed: {small.ValueSeed}");
            text.Append(small.Render());
            text.AppendLine($"---- {failure}");
        }
        return text.ToString();
    }
}

/// <summary>Cases compiled together under one naming policy.</summary>
public sealed record FuzzBatch(JobsNamingPolicy Policy, System.Collections.Immutable.ImmutableArray<PayloadCase> Cases)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Policy}: {Cases.Length} cases";
}
