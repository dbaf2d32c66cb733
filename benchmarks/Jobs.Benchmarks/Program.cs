using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace JobsBench;

public static class Program
{
    /// <summary>
    /// Runs the benchmarks with a short job (3 warm-ups, 3 measured iterations of one launch) so a
    /// full run takes about a minute: <c>dotnet run -c Release --project benchmarks/Jobs.Benchmarks -- --filter '*'</c>.
    /// BenchmarkDotNet's own options change the rest. Reports go under bin/, which git ignores.
    /// </summary>
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
