using Jobs.Generators.Tests.Infrastructure;

namespace Jobs.Generators.Tests;

/// <summary>The emitted code for representative handlers, reviewed as files under Snapshots/.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("Email", "Acme.Mail")]
    [InlineData("Shapes", "Acme.Shapes")]
    [InlineData("Context", "Acme.Links")]
    [InlineData("Recurring", "Acme.Reports")]
    [InlineData("Versioned", "Acme.Shipping")]
    public void Generated_files_match_their_snapshots(string scenario, string assemblyName)
    {
        var (files, _) = GeneratorHarness.Run(GeneratorHarness.Compilation(assemblyName, Source(scenario)));

        Assert.Equal(
            ["Jobs.Dispatcher.g.cs", "Jobs.JobsClientExtensions.g.cs", "Jobs.Payloads.g.cs", "Jobs.ServiceCollectionExtensions.g.cs"],
            files.Keys.Order(StringComparer.Ordinal));
        Snapshot.MatchAll(files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => ($"{scenario}.{f.Key}", f.Value)));
    }

    public static string Source(string scenario) => scenario switch
    {
        "Email" => Sources.Email,
        "Shapes" => Sources.Shapes,
        "Context" => Sources.Context,
        "Recurring" => Sources.Recurring,
        "Versioned" => Sources.Versioned,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };
}
