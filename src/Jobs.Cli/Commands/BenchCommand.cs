using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Jobs.Cli.Bench;
using Jobs.Cli.Database;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary>
/// <c>jobs bench</c>: enqueue, drain and latency on this deployment's server, each drain beside
/// the plain-SQL ceiling of the same server, in a scratch schema it drops afterwards.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var connection = CommonOptions.Connection();
        var jobs = Positive("--jobs", 10_000, "No-op jobs per enqueue and drain measurement (default 10000).");
        var runs = Positive("--runs", 2, "Runs of each measurement; the median is reported (default 2).");
        var probes = Positive("--probes", 200, "Enqueue-to-start probes per strategy (default 200).");
        var processes = new Option<int>("--processes")
        {
            Description = "Also drain with this many worker processes (this tool, started again), for each strategy and concurrency.",
            CustomParser = result => ParseInt(result, "--processes", 0),
        };
        var concurrency = new Option<int[]>("--concurrency")
        {
            Description = "Worker concurrencies to drain at, comma-separated (default 8,32).",
            CustomParser = ParseConcurrencies,
            DefaultValueFactory = _ => [8, 32],
        };
        var strategy = new Option<FetchStrategy[]>("--strategy")
        {
            Description = "Batched, SchemaFunctions, or both (default).",
            CustomParser = ParseStrategies,
            DefaultValueFactory = _ => [FetchStrategy.Batched, FetchStrategy.SchemaFunctions],
        };
        var json = CommonOptions.Json("Print JSON lines: the server's settings, then one object per measurement.");

        var command = new JobsCommand("bench", "Measure this deployment's server: enqueue, drain and latency, each drain beside the server's own ceiling",
            "Measures in a schema of its own (jobs_bench_<random>), installed in the database beside\n"
            + "yours and dropped afterwards: no job of yours is read or changed. It needs CREATE on the\n"
            + "database. Its inserts NOTIFY jobs:insert, so your idle workers may wake and find nothing.\n"
            + "The ceiling is the same work in plain SQL (lock 100 with SKIP LOCKED, update, delete, one\n"
            + "transaction, 4 clients); each drain is shown as a ratio to it. The server's commit settings\n"
            + "head the report: figures from a server without fsync or synchronous_commit say little.\n"
            + "Progress goes to stderr: a bar on a terminal, one line per step otherwise.\n"
            + "\n"
            + "Exit codes: 0 measured; 1 unreachable server, missing privilege or SQL error; 2 usage error.\n"
            + "\n"
            + "Example:\n"
            + "  jobs bench --jobs 30000 --concurrency 8,32 --runs 3");
        foreach (var option in new Option[] { connection, jobs, concurrency, strategy, runs, probes, processes, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var resolved = ConnectionResolver.Resolve(parseResult.GetValue(connection), context.Environment);
            await using var dataSource = DatabaseSteps.CreateDataSource(resolved, "jobs bench");
            await DatabaseSteps.ConnectAsync(dataSource, resolved, cancellationToken).ConfigureAwait(false);
            var settings = new BenchSettings(parseResult.GetValue(jobs), parseResult.GetValue(concurrency)!, parseResult.GetValue(strategy)!,
                parseResult.GetValue(runs), parseResult.GetValue(probes), parseResult.GetValue(processes), resolved.ConnectionString);
            var report = await DatabaseSteps.RunAsync(() => BenchRunner.RunAsync(dataSource, settings, new BenchProgress(context.Error, context.ErrorIsTerminal), cancellationToken),
                "could not run the bench", cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                report.WriteJsonLines(context.Out);
            }
            else
            {
                report.WriteTable(context.Out);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<int> Positive(string name, int fallback, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParseInt(result, name, 1),
        DefaultValueFactory = _ => fallback,
    };

    private static int ParseInt(ArgumentResult result, string name, int least)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= least)
        {
            return value;
        }
        result.AddError($"'{text}' is not valid for {name}: use a whole number of at least {least}");
        return least;
    }

    private static int[] ParseConcurrencies(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var values = text.Split(',', StringSplitOptions.TrimEntries);
        var parsed = new List<int>();
        foreach (var value in values)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                result.AddError($"'{text}' is not a list of concurrencies: use whole numbers of at least 1, comma-separated (8,32)");
                return [];
            }
            parsed.Add(number);
        }
        return [.. parsed];
    }

    private static FetchStrategy[] ParseStrategies(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        return text.ToLowerInvariant() switch
        {
            "batched" => [FetchStrategy.Batched],
            "schemafunctions" => [FetchStrategy.SchemaFunctions],
            "both" => [FetchStrategy.Batched, FetchStrategy.SchemaFunctions],
            _ => Refuse(result, text),
        };
    }

    private static FetchStrategy[] Refuse(ArgumentResult result, string text)
    {
        result.AddError($"'{text}' is not a strategy: use Batched, SchemaFunctions or both");
        return [];
    }
}
