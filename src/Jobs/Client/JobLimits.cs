using System.Text;

namespace Jobs;

/// <summary>
/// The schema's limits, checked before anything reaches the database so a mistake surfaces as a
/// clear <see cref="ArgumentException"/> rather than a constraint violation.
/// </summary>
public static class JobLimits
{
    /// <summary>Task names must be shorter than this (CHECK length(task_identifier) &lt; 127).</summary>
    public const int TaskIdentifierMaxExclusive = 127;

    /// <summary>Queue names must be shorter than this.</summary>
    public const int QueueNameMaxExclusive = 127;

    /// <summary>Keys must be shorter than this.</summary>
    public const int KeyMaxExclusive = 513;

    /// <summary>Worker ids must be longer than this (CHECK length(locked_by) &gt; 3).</summary>
    public const int WorkerIdMinExclusive = 3;

    internal static void ValidateTask(string taskIdentifier, string parameterName)
    {
        if (string.IsNullOrEmpty(taskIdentifier))
        {
            throw new ArgumentException("The task identifier must not be empty.", parameterName);
        }
        if (taskIdentifier.Length >= TaskIdentifierMaxExclusive)
        {
            throw new ArgumentException($"The task identifier '{Shorten(taskIdentifier)}' has {taskIdentifier.Length} characters; the schema allows at most {TaskIdentifierMaxExclusive - 1}.", parameterName);
        }
    }

    internal static void ValidateOptions(EnqueueOptions options, string parameterName)
    {
        if (options.Queue is { } queue && (queue.Length == 0 || queue.Length >= QueueNameMaxExclusive))
        {
            throw new ArgumentException($"The queue name '{Shorten(queue)}' has {queue.Length} characters; use 1 to {QueueNameMaxExclusive - 1}.", parameterName);
        }
        if (options.Key is { } key)
        {
            ValidateKey(key, parameterName);
        }
        if (options.MaxAttempts is <= 0)
        {
            throw new ArgumentException($"MaxAttempts is {options.MaxAttempts}; it must be at least 1.", parameterName);
        }
        if (options.RunAt is not null && options.Delay is not null)
        {
            throw new ArgumentException("Give either RunAt or Delay, not both.", parameterName);
        }
        if (options.Delay is { } delay && delay < TimeSpan.Zero)
        {
            throw new ArgumentException($"Delay is {delay}; it must not be negative.", parameterName);
        }
    }

    internal static void ValidateKey(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length == 0 || key.Length >= KeyMaxExclusive)
        {
            throw new ArgumentException($"The job key '{Shorten(key)}' has {key.Length} characters; use 1 to {KeyMaxExclusive - 1}.", parameterName);
        }
    }

    internal static void ValidatePayload(ReadOnlyMemory<byte> payload, string parameterName)
    {
        if (payload.Length == 0)
        {
            return;
        }
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(payload.Span);
            while (reader.Read())
            {
            }
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ArgumentException($"The payload is not valid JSON: {ex.Message}", parameterName, ex);
        }
    }

    internal static void ValidateWorkerId(string workerId, string parameterName)
    {
        if (string.IsNullOrEmpty(workerId) || workerId.Length <= WorkerIdMinExclusive)
        {
            throw new ArgumentException($"The worker id '{workerId}' is too short; the schema needs more than {WorkerIdMinExclusive} characters.", parameterName);
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    internal static string PayloadText(ReadOnlyMemory<byte> payload) => payload.Length == 0 ? "{}" : Encoding.UTF8.GetString(payload.Span);
}
