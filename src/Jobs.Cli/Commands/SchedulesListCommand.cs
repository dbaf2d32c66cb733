using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Jobs.Cli.Database;
using Jobs.Cli.Output;
using Jobs.Cli.Parsing;

namespace Jobs.Cli.Commands;

/// <summary><c>jobs schedules list</c>: every schedule with its next run, its last run and who holds it.</summary>
internal static class SchedulesListCommand
{
    public static Command Create(CliContext context)
    {
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var databaseId = CommonOptions.DatabaseId("Only the schedules of this database (tenant) id; default: every database.");
        var json = CommonOptions.Json("Print one JSON object per schedule (JSON lines).");

        var command = new JobsCommand("list", "Every schedule, its next run, its last run and the scheduler holding it",
            "NEXT RUN is computed from schedule_info now; a schedule_info no scheduler can understand is shown\n"
            + "as 'invalid: <why>' (schedulers hold such a schedule but never fire it). A paused schedule shows\n"
            + "'paused' and has no next run.\n"
            + "\n"
            + "Exit codes: 0 printed; 1 unreachable server or SQL error; 2 usage error.\n"
            + "\n"
            + "Example:\n"
            + "  jobs schedules list --json");
        foreach (var option in new Option[] { connection, schema, databaseId, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var session = await JobsSession.OpenAsync(parseResult.GetValue(connection), parseResult.GetValue(schema),
                parseResult.GetValue(databaseId), context, "schedules list", cancellationToken).ConfigureAwait(false);
            var schedules = await session.RunAsync("read the schedules", () => session.Admin.ListSchedulesAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                foreach (var schedule in schedules)
                {
                    await JsonLines.WriteAsync(context.Out, w => WriteJson(w, schedule)).ConfigureAwait(false);
                }
                return ExitCodes.Success;
            }
            await WriteTableAsync(context, schedules).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTableAsync(CliContext context, List<ScheduleSummary> schedules)
    {
        if (schedules.Count == 0)
        {
            await context.Out.WriteLineAsync("no schedule").ConfigureAwait(false);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var table = new TextTable("ID", "KEY", "TASK", "SCHEDULE", "NEXT RUN", "LAST RUN", "HELD BY");
        foreach (var s in schedules)
        {
            var next = s.IsPaused ? "paused" : s.NextOccurrence is { } at ? $"{Ages.Time(at)} (in {Ages.Duration(at - now)})" : "-";
            var holder = s.IsPaused ? "-" : s.LockedBy is null ? "-" : $"{s.LockedBy} ({Ages.Ago(s.LockedAt, now)})";
            table.Row(s.Id.ToString(CultureInfo.InvariantCulture), s.Key ?? "-", s.TaskIdentifier,
                s.ScheduleError is { } error ? $"invalid: {error}" : s.Description ?? s.ScheduleInfo,
                next, s.LastScheduled is { } last ? Ages.Ago(last, now) : "never", holder);
        }
        await table.WriteAsync(context.Out, context.Colors).ConfigureAwait(false);
    }

    private static void WriteJson(Utf8JsonWriter writer, ScheduleSummary s)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", s.Id);
        writer.WriteNullableString("key", s.Key);
        writer.WriteString("task_identifier", s.TaskIdentifier);
        writer.WriteNullableString("queue_name", s.Queue);
        writer.WriteString("database_id", s.DatabaseId);
        writer.WriteNumber("priority", s.Priority);
        writer.WritePropertyName("schedule_info");
        // A json column: valid JSON whatever else it is.
        writer.WriteRawValue(s.ScheduleInfo);
        writer.WriteNullableString("description", s.Description);
        writer.WriteNullableString("schedule_error", s.ScheduleError);
        writer.WriteBoolean("paused", s.IsPaused);
        writer.WriteTime("next_run_at", s.NextOccurrence);
        writer.WriteTime("last_scheduled", s.LastScheduled);
        if (s.LastScheduledId is { } lastId)
        {
            writer.WriteNumber("last_scheduled_id", lastId);
        }
        else
        {
            writer.WriteNull("last_scheduled_id");
        }
        writer.WriteNullableString("locked_by", s.LockedBy);
        writer.WriteTime("locked_at", s.LockedAt);
        writer.WriteEndObject();
    }
}
