using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Jobs.Cli.Bench;

/// <summary>What <c>jobs bench</c> found: a Markdown table for people, or JSON lines for scripts.</summary>
internal sealed record BenchReport(ServerSettings Server, BenchSettings Settings, IReadOnlyList<BenchResult> Results)
{
    /// <summary>The median of the ceiling's runs; 0 when it was not measured.</summary>
    public double Ceiling => Results.FirstOrDefault(r => r.Metric == "ceiling")?.Median ?? 0;

    /// <summary>The table, headed by the server's settings; drains carry their ratio to the ceiling.</summary>
    public void WriteTable(TextWriter output)
    {
        output.WriteLine($"PostgreSQL: {Server}{(Server.Durable ? "" : "  (NOT durable: commits cost less than on durable storage)")}");
        output.WriteLine($"{Settings.Jobs:N0} jobs per measurement; median of {Settings.Runs} run(s); {Environment.ProcessorCount} cores here");
        output.WriteLine();
        output.WriteLine("| measurement | result | ÷ ceiling |");
        output.WriteLine("|---|---|---|");
        foreach (var result in Results)
        {
            if (result.Percentiles is { } p)
            {
                output.WriteLine(Invariant($"| {result.Name} | p50 {p.P50:F1} ms, p95 {p.P95:F1} ms, p99 {p.P99:F1} ms (max {p.Max:F1}) |  |"));
                continue;
            }
            var ratio = result.Metric is "drain" or "ceiling" && Ceiling > 0 ? Invariant($"{result.Median / Ceiling:F2}×") : "";
            var spread = result.Runs.Count > 1 ? Invariant($" ({result.Runs.Min():N0}–{result.Runs.Max():N0})") : "";
            output.WriteLine(Invariant($"| {result.Name} | {result.Median:N0} jobs/s{spread} | {ratio} |"));
        }
    }

    /// <summary>One JSON object per line: the settings first, then one per measurement.</summary>
    public void WriteJsonLines(TextWriter output)
    {
        output.WriteLine(Line(writer =>
        {
            writer.WriteString("metric", "settings");
            foreach (var (name, value) in Server.Values)
            {
                writer.WriteString(name, value);
            }
            writer.WriteBoolean("durable", Server.Durable);
            writer.WriteNumber("jobs", Settings.Jobs);
            writer.WriteNumber("runs", Settings.Runs);
            writer.WriteNumber("cores", Environment.ProcessorCount);
        }));
        foreach (var result in Results)
        {
            output.WriteLine(Line(writer =>
            {
                writer.WriteString("metric", result.Metric);
                writer.WriteString("name", result.Name);
                if (result.Strategy is { } strategy)
                {
                    writer.WriteString("strategy", strategy.ToString());
                }
                if (result.Concurrency is { } concurrency)
                {
                    writer.WriteNumber("concurrency", concurrency);
                }
                if (result.Processes is { } processes)
                {
                    writer.WriteNumber("processes", processes);
                }
                if (result.Percentiles is { } p)
                {
                    writer.WriteNumber("p50Ms", Math.Round(p.P50, 2));
                    writer.WriteNumber("p95Ms", Math.Round(p.P95, 2));
                    writer.WriteNumber("p99Ms", Math.Round(p.P99, 2));
                    writer.WriteNumber("maxMs", Math.Round(p.Max, 2));
                    return;
                }
                writer.WriteNumber("jobsPerSecond", Math.Round(result.Median));
                writer.WriteStartArray("runs");
                foreach (var run in result.Runs)
                {
                    writer.WriteNumberValue(Math.Round(run));
                }
                writer.WriteEndArray();
                if (result.Metric == "drain" && Ceiling > 0)
                {
                    writer.WriteNumber("ratioToCeiling", Math.Round(result.Median / Ceiling, 3));
                }
            }));
        }
    }

    private static string Line(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
