using System.Text.Json;
using Jobs.Cli.Input;

namespace Jobs.Cli.Output;

/// <summary>A job as JSON: the row's columns under their SQL names, the payload as JSON (not a string), and the derived state.</summary>
internal static class JobJson
{
    public static void Write(Utf8JsonWriter writer, JobRow job)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", job.Id);
        writer.WriteString("database_id", job.DatabaseId);
        writer.WriteString("task_identifier", job.TaskIdentifier);
        writer.WriteNullableString("queue_name", job.QueueName);
        writer.WriteString("state", JobStateNames.Of(job.State));
        writer.WritePropertyName("payload");
        WritePayload(writer, job);
        writer.WriteNumber("priority", job.Priority);
        writer.WriteTime("run_at", job.RunAt);
        writer.WriteNumber("attempts", job.Attempts);
        writer.WriteNumber("max_attempts", job.MaxAttempts);
        writer.WriteNullableString("key", job.Key);
        writer.WriteNullableString("last_error", job.LastError);
        writer.WriteTime("locked_at", job.LockedAt);
        writer.WriteNullableString("locked_by", job.LockedBy);
        writer.WriteTime("created_at", job.CreatedAt);
        writer.WriteTime("updated_at", job.UpdatedAt);
        writer.WriteEndObject();
    }

    // The column is json, so it parses; should a row ever hold something else, it is kept as a string rather than lost.
    // The bytes as read: no text is decoded for a payload that is written back as JSON.
    private static void WritePayload(Utf8JsonWriter writer, JobRow job)
    {
        try
        {
            writer.WriteRawValue(job.PayloadUtf8.Span);
        }
        catch (ArgumentException)
        {
            writer.WriteStringValue(job.Payload);
        }
    }
}
