using System.CommandLine;
using System.Globalization;
using Jobs.Cli.Database;
using Jobs.Cli.Input;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs show &lt;id&gt;</c>: one job's whole row, its payload indented, and its last error.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<long>("id")
        {
            Description = "The job's id.",
            CustomParser = result => Values.TryParseId(result.Tokens[0].Value, out var value) ? value : Fail(result),
        };
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var databaseId = CommonOptions.DatabaseId("Only find the job if it belongs to this database (tenant) id.");
        var json = CommonOptions.Json("Print the job as one JSON object.");

        var command = new JobsCommand("show", "Show one job: every column, the payload pretty-printed, the last error",
            "Exit codes: 0 shown; 1 no such job, unreachable server or SQL error; 2 usage error.\n"
            + "\n"
            + "Example:\n"
            + "  jobs show 4711");
        command.Arguments.Add(id);
        foreach (var option in new Option[] { connection, schema, databaseId, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var jobId = parseResult.GetValue(id);
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                parseResult.GetValue(databaseId), context, "show", cancellationToken).ConfigureAwait(false);
            var job = await session.RunAsync("read the job", () => session.Admin.GetAsync(jobId, cancellationToken), cancellationToken).ConfigureAwait(false)
                ?? throw CliException.Failure($"no job {jobId.ToString(CultureInfo.InvariantCulture)} in schema {session.Schema}");
            if (parseResult.GetValue(json))
            {
                await JsonLines.WriteAsync(context.Out, w => JobJson.Write(w, job)).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(context, job).ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static long Fail(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"'{result.Tokens[0].Value}' is not a job id: use a whole number above 0");
        return 0;
    }

    private static async Task WriteAsync(CliContext context, JobRow job)
    {
        var now = DateTimeOffset.UtcNow;
        var colors = context.Colors;
        var lines = new (string Label, string Value)[]
        {
            ("task", job.TaskIdentifier),
            ("state", colors.State(JobStateNames.Of(job.State))),
            ("queue", job.QueueName ?? "-"),
            ("database", job.DatabaseId.ToString()),
            ("priority", job.Priority.ToString(CultureInfo.InvariantCulture)),
            ("run at", job.RunAt > now ? $"{Ages.Time(job.RunAt)} (in {Ages.Duration(job.RunAt - now)})" : $"{Ages.Time(job.RunAt)} ({Ages.Ago(job.RunAt, now)})"),
            ("attempts", $"{job.Attempts} of {job.MaxAttempts}"),
            ("key", job.Key ?? "-"),
            ("locked by", job.LockedBy ?? "-"),
            ("locked at", job.LockedAt is null ? "-" : $"{Ages.Time(job.LockedAt)} ({Ages.Ago(job.LockedAt, now)})"),
            ("created at", Ages.Time(job.CreatedAt)),
            ("updated at", Ages.Time(job.UpdatedAt)),
        };
        await context.Out.WriteLineAsync(colors.Bold($"job {job.Id.ToString(CultureInfo.InvariantCulture)}")).ConfigureAwait(false);
        foreach (var (label, value) in lines)
        {
            await context.Out.WriteLineAsync($"  {label,-11} {value}").ConfigureAwait(false);
        }
        await context.Out.WriteLineAsync(colors.Bold("payload:")).ConfigureAwait(false);
        await context.Out.WriteLineAsync(JsonLines.Indent(job.Payload)).ConfigureAwait(false);
        await context.Out.WriteLineAsync(colors.Bold("last error:")).ConfigureAwait(false);
        await context.Out.WriteLineAsync(job.LastError is null ? "  -" : colors.Red(job.LastError)).ConfigureAwait(false);
    }
}
