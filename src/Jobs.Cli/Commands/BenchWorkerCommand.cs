using System.CommandLine;
using Jobs.Cli.Bench;
using Jobs.Cli.Database;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary>
/// <c>jobs bench-worker</c>, hidden: one worker process of a scale-out drain, started by
/// <c>jobs bench --processes</c> (see <see cref="BenchWorker"/>). Its connection comes from the
/// environment, so no password appears in a process list.
/// </summary>
internal static class BenchWorkerCommand
{
    public static Command Create(CliContext context)
    {
        var schema = CommonOptions.Schema("The bench's scratch schema");
        var strategy = new Option<FetchStrategy>("--strategy") { Description = "The fetch strategy.", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "The worker's concurrency.", Required = true };
        var command = new JobsCommand("bench-worker", "One worker process of 'jobs bench --processes' (started by it)", "") { Hidden = true };
        foreach (var option in new Option[] { schema, strategy, concurrency })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = DatabaseSteps.ParseSchema(parseResult.GetValue(schema));
            var resolved = ConnectionResolver.Resolve(null, context.Environment);
            await using var dataSource = DatabaseSteps.CreateDataSource(resolved, "jobs bench-worker");
            return await BenchWorker.RunAsync(dataSource, name.Value, parseResult.GetValue(strategy), Math.Max(1, parseResult.GetValue(concurrency)),
                context.In, context.Out, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
