using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Enqueueing;

/// <summary>
/// The Enqueue form as posted: its fields kept as typed (to show them again with the errors), and
/// what they mean once read. Every problem is named, field by field; nothing is enqueued while
/// there is one.
/// </summary>
internal sealed class EnqueueRequest
{
    private EnqueueRequest(IFormCollection form)
    {
        Task = form["task"].ToString().Trim();
        Payload = form["payload"].ToString();
        Queue = form["queue"].ToString().Trim();
        Priority = form["priority"].ToString().Trim();
        RunAt = form["run_at"].ToString().Trim();
        MaxAttempts = form["max_attempts"].ToString().Trim();
        Key = form["key"].ToString().Trim();
    }

    /// <summary>An empty form: the page as first shown.</summary>
    public static EnqueueRequest Empty { get; } = new(new FormCollection(null)) { Payload = "{}" };

    public string Task { get; }

    public string Payload { get; private init; }

    public string Queue { get; }

    public string Priority { get; }

    public string RunAt { get; }

    public string MaxAttempts { get; }

    public string Key { get; }

    /// <summary>The payload as UTF-8, once read.</summary>
    public byte[] PayloadBytes { get; private set; } = [];

    /// <summary>The options, once read.</summary>
    public EnqueueOptions Options { get; private set; } = EnqueueOptions.Default;

    /// <summary>Problems by field name ("payload", "priority", …), in the order found.</summary>
    public List<(string Field, string Message)> Errors { get; } = [];

    /// <summary>Reads the posted form and checks what can be checked without the database.</summary>
    public static EnqueueRequest Read(IFormCollection form, DashboardEnqueuer enqueuer, Guid? databaseId)
    {
        var request = new EnqueueRequest(form);
        request.Check(enqueuer, databaseId);
        return request;
    }

    private void Check(DashboardEnqueuer enqueuer, Guid? databaseId)
    {
        if (Task.Length == 0)
        {
            Errors.Add(("task", "Name the task."));
        }
        PayloadBytes = Encoding.UTF8.GetBytes(Payload);
        try
        {
            using var document = JsonDocument.Parse(PayloadBytes);
        }
        catch (JsonException ex)
        {
            Errors.Add(("payload", $"The payload is not JSON: {ex.Message}"));
            return;
        }
        if (Task.Length > 0 && enqueuer.CheckFor(Task) is { } check)
        {
            try
            {
                check(PayloadBytes);
            }
            catch (JobPayloadException ex)
            {
                Errors.Add(("payload", $"The handler of '{Task}' cannot read this payload: {ex.Message}"));
            }
        }
        var priority = Number("priority", Priority);
        var maxAttempts = Number("max_attempts", MaxAttempts);
        if (maxAttempts is < 1)
        {
            Errors.Add(("max_attempts", "Max attempts must be at least 1."));
        }
        DateTimeOffset? runAt = null;
        if (RunAt.Length > 0)
        {
            if (DateTime.TryParse(RunAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                runAt = new DateTimeOffset(parsed, TimeSpan.Zero);
            }
            else
            {
                Errors.Add(("run_at", $"'{RunAt}' is not a date and time (UTC), for example 2026-12-24T18:00."));
            }
        }
        Options = new EnqueueOptions
        {
            Queue = Queue.Length == 0 ? null : Queue,
            Priority = priority,
            RunAt = runAt,
            MaxAttempts = maxAttempts,
            Key = Key.Length == 0 ? null : Key,
            DatabaseId = databaseId,
        };
    }

    private int? Number(string field, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Errors.Add((field, $"'{text}' is not a whole number."));
        return null;
    }
}
