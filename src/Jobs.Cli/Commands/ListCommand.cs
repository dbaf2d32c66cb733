using System.CommandLine;
using System.Globalization;
using Jobs.Cli.Database;
using Jobs.Cli.Input;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs list</c>: jobs newest first, filtered, in pages; a table for people or JSON lines for scripts.</summary>
internal static class ListCommand
{
    public const int DefaultLimit = 50;

    public static Command Create(CliContext context)
    {
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var task = CommonOptions.Task();
        var queue = CommonOptions.Queue();
        var state = CommonOptions.State();
        var key = CommonOptions.NonEmpty(new Option<string>("--key") { HelpName = "key", Description = "Only the job holding this key." });
        var databaseId = CommonOptions.DatabaseId();
        var text = CommonOptions.Text();
        var limit = new Option<int?>("--limit", "-n")
        {
            HelpName = "count",
            Description = $"At most this many jobs (default {DefaultLimit}).",
            CustomParser = CommonOptions.Parse<int>(Values.TryParsePositive, "a whole number above 0"),
        };
        var after = new Option<long?>("--after")
        {
            HelpName = "id",
            Description = "The next page: only jobs listed after this id (jobs come newest first, so ids below it). Pass the last id of the previous page.",
            CustomParser = CommonOptions.Parse<long>(Values.TryParseId, "a job id"),
        };
        var json = CommonOptions.Json("Print one JSON object per job (JSON lines) instead of a table.");

        var command = new JobsCommand("list", "List jobs, newest first, by task, queue, state, key, database or text, in pages",
            "Exit codes: 0 listed (also when none match); 1 unreachable server or SQL error; 2 usage error\n"
            + "(an unknown --state, say).\n"
            + "\n"
            + "Example:\n"
            + "  jobs list --state failed --task send_email --limit 20");
        foreach (var option in new Option[] { connection, schema, task, queue, state, key, databaseId, text, limit, after, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var filter = new JobListFilter
            {
                TaskIdentifier = parseResult.GetValue(task),
                Queue = parseResult.GetValue(queue),
                State = parseResult.GetValue(state),
                BeforeId = parseResult.GetValue(after),
                Text = parseResult.GetValue(text),
                Limit = parseResult.GetValue(limit) ?? DefaultLimit,
            };
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                parseResult.GetValue(databaseId), context, "list", cancellationToken).ConfigureAwait(false);
            var jobs = parseResult.GetValue(key) is { } jobKey
                ? await ByKeyAsync(session, jobKey, filter, cancellationToken).ConfigureAwait(false)
                : await session.RunAsync("list jobs", () => session.Admin.ListAsync(filter, cancellationToken), cancellationToken).ConfigureAwait(false);

            if (parseResult.GetValue(json))
            {
                foreach (var job in jobs)
                {
                    await JsonLines.WriteAsync(context.Out, w => JobJson.Write(w, job)).ConfigureAwait(false);
                }
                return ExitCodes.Success;
            }
            await WriteTableAsync(context, jobs, filter.Limit).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    // A key names at most one job; the other filters then only decide whether it is shown.
    private static async Task<List<JobRow>> ByKeyAsync(JobsSession session, string key, JobListFilter filter, CancellationToken cancellationToken)
    {
        var job = await session.RunAsync("find the job", () => session.Admin.GetByKeyAsync(key, cancellationToken), cancellationToken).ConfigureAwait(false);
        return job is not null && filter.Matches(job) ? [job] : [];
    }

    private static async Task WriteTableAsync(CliContext context, List<JobRow> jobs, int limit)
    {
        if (jobs.Count == 0)
        {
            await context.Out.WriteLineAsync("no jobs match").ConfigureAwait(false);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var table = new TextTable("ID", "TASK", "QUEUE", "STATE", "ATTEMPTS", "PRIORITY", "RUN AT", "LOCKED BY").Color(3, context.Colors.State);
        foreach (var job in jobs)
        {
            table.Row(Id(job.Id), job.TaskIdentifier, job.QueueName ?? "-", JobStateNames.Of(job.State),
                $"{job.Attempts}/{job.MaxAttempts}", job.Priority.ToString(CultureInfo.InvariantCulture),
                job.RunAt > now ? $"{Ages.Time(job.RunAt)} (in {Ages.Duration(job.RunAt - now)})" : Ages.Time(job.RunAt),
                job.LockedBy is null ? "-" : $"{job.LockedBy} ({Ages.Ago(job.LockedAt, now)})");
        }
        await table.WriteAsync(context.Out, context.Colors).ConfigureAwait(false);
        if (jobs.Count == limit)
        {
            await context.Out.WriteLineAsync($"{jobs.Count} shown; the next page: --after {Id(jobs[^1].Id)}").ConfigureAwait(false);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
