using System.CommandLine;
using Jobs.Cli.Database;
using Jobs.Cli.Input;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs enqueue &lt;task&gt; --payload &lt;json|@file|-&gt;</c>: adds one job through <see cref="JobsClient"/>, which checks it as it checks every job, and prints it.</summary>
internal static class EnqueueCommand
{
    public static Command Create(CliContext context)
    {
        var task = new Argument<string>("task") { Description = "The task identifier the worker dispatches on." };
        var payload = CommonOptions.NonEmpty(new Option<string>("--payload", "-p")
        {
            HelpName = "json|@file|-",
            Description = "The payload: JSON, @path to read a file, or - to read stdin (default {}).",
        });
        var queue = CommonOptions.Queue("A named queue: its jobs run one at a time (default: none, run in parallel).");
        var priority = new Option<int?>("--priority")
        {
            HelpName = "number",
            Description = "Lower runs first (default 0).",
            CustomParser = CommonOptions.Parse<int>(Values.TryParseInt, "a whole number"),
        };
        var runAt = new Option<DateTimeOffset?>("--run-at")
        {
            HelpName = "time",
            Description = "Not before this time (ISO 8601, e.g. 2026-12-01T09:00:00Z).",
            CustomParser = CommonOptions.Parse<DateTimeOffset>(Values.TryParseTime, Values.TimeForms),
        };
        var delay = new Option<TimeSpan?>("--delay")
        {
            HelpName = "duration",
            Description = "Not before this long from now (90s, 15m, 2h, 1d).",
            CustomParser = CommonOptions.Parse<TimeSpan>(Values.TryParseDuration, Values.DurationForms),
        };
        var key = CommonOptions.NonEmpty(new Option<string>("--key") { HelpName = "key", Description = "A job key: enqueueing the same key again replaces the waiting job." });
        var maxAttempts = new Option<int?>("--max-attempts")
        {
            HelpName = "count",
            Description = "Give up after this many attempts (default 25).",
            CustomParser = CommonOptions.Parse<int>(Values.TryParsePositive, "a whole number above 0"),
        };
        var databaseId = CommonOptions.DatabaseId("The database (tenant) id the job belongs to; required unless the schema takes it from JWT claims (0.47).");
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var json = CommonOptions.Json("Print the job as one JSON object.");

        var command = new JobsCommand("enqueue", "Add a job: a task name and a JSON payload",
            "The payload is checked as the client checks every payload: valid JSON, valid UTF-8, not nested\n"
            + "too deeply. Nothing is enqueued when it fails.\n"
            + "\n"
            + "Exit codes: 0 enqueued; 1 unreachable server or SQL error; 2 usage error (invalid payload,\n"
            + "task name or option).\n"
            + "\n"
            + "Example:\n"
            + "  jobs enqueue send_email --payload '{\"to\":\"ada@example.com\"}' --delay 10m --database-id 0d6c1b1e-8d1f-4b7e-9a43-0f4c2d3b9a11");
        command.Arguments.Add(task);
        foreach (var option in new Option[] { payload, queue, priority, runAt, delay, key, maxAttempts, databaseId, connection, schema, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(runAt) is not null && parseResult.GetValue(delay) is not null)
            {
                throw CliException.Usage("give --run-at or --delay, not both");
            }
            var body = await PayloadSource.ReadAsync(parseResult.GetValue(payload), context.In, cancellationToken).ConfigureAwait(false);
            var id = parseResult.GetValue(databaseId);
            var options = new EnqueueOptions
            {
                Queue = parseResult.GetValue(queue),
                Priority = parseResult.GetValue(priority),
                RunAt = parseResult.GetValue(runAt),
                Delay = parseResult.GetValue(delay),
                Key = parseResult.GetValue(key),
                MaxAttempts = parseResult.GetValue(maxAttempts),
                DatabaseId = id,
            };
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                id, context, "enqueue", cancellationToken).ConfigureAwait(false);
            var client = new JobsClient(session.DataSource, new JobsClientOptions { Schema = session.Schema.Value, DatabaseId = id });
            var job = await EnqueueAsync(session, client, parseResult.GetValue(task)!, body, options, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                await JsonLines.WriteAsync(context.Out, w => JobJson.Write(w, job)).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"enqueued job {job.Id} ({job.TaskIdentifier}, {JobStateNames.Of(job.State)}, run at {Ages.Time(job.RunAt)})").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<JobRow> EnqueueAsync(JobsSession session, JobsClient client, string task, byte[] payload, EnqueueOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await session.RunAsync("enqueue the job", () => client.EnqueueAsync(task, payload, options, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex) when (options.DatabaseId is null && ex.InnerException is ArgumentException { Message: var message } && message.StartsWith("No database id", StringComparison.Ordinal))
        {
            throw CliException.Usage("no database id: pass --database-id <uuid> (app_jobs.jobs.database_id is NOT NULL)", ex);
        }
        catch (JobAttributionException ex)
        {
            throw CliException.Failure($"could not enqueue the job in schema {session.Schema}: {ErrorText.Describe(ex)}", ex);
        }
    }
}
