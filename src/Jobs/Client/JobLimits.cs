using System.Text;

namespace Jobs;

/// <summary>
/// The schema's limits, checked before anything reaches the database so a mistake surfaces as a
/// clear <see cref="ArgumentException"/> rather than a constraint violation. Lengths count
/// characters (Unicode code points) as PostgreSQL's <c>length()</c> does: an emoji is one.
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

    /// <summary>
    /// The default of <see cref="JobsClientOptions.MaxPayloadDepth"/>: levels of nested objects and
    /// arrays a payload may have. The same as <see cref="System.Text.Json.Utf8JsonWriter"/>'s own
    /// default, so whatever the generated writers produce is accepted.
    /// </summary>
    public const int DefaultPayloadDepth = 1_000;

    /// <summary>
    /// The highest <see cref="JobsClientOptions.MaxPayloadDepth"/> allowed, and the depth the generated
    /// payload readers read to. PostgreSQL 15's json input, at the default <c>max_stack_depth</c>
    /// (2MB), takes about 13,000 levels of objects and 14,500 of arrays; this stays below both.
    /// </summary>
    public const int MaxPayloadDepthCeiling = 10_000;

    internal static void ValidateTask(string taskIdentifier, string parameterName)
    {
        if (string.IsNullOrEmpty(taskIdentifier))
        {
            throw new ArgumentException("The task identifier must not be empty.", parameterName);
        }
        ValidateName(taskIdentifier, "The task identifier", 1, TaskIdentifierMaxExclusive - 1, parameterName);
    }

    internal static void ValidateOptions(EnqueueOptions options, string parameterName)
    {
        if (options.Queue is { } queue)
        {
            ValidateQueue(queue, parameterName);
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

    internal static void ValidateQueue(string queue, string parameterName) =>
        ValidateName(queue, "The queue name", 1, QueueNameMaxExclusive - 1, parameterName);

    internal static void ValidateKey(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        ValidateName(key, "The job key", 1, KeyMaxExclusive - 1, parameterName);
    }

    /// <summary>Free text bound for a text column (an error message, a worker id): no NUL, no lone surrogate.</summary>
    internal static void ValidateText(string text, string what, string parameterName) => InputText.Check(text, what, parameterName);

    internal static void ValidatePayload(ReadOnlyMemory<byte> payload, string parameterName, int maxDepth = DefaultPayloadDepth) =>
        PayloadCheck.Validate(payload.Span, maxDepth, parameterName);

    internal static void ValidateWorkerId(string workerId, string parameterName)
    {
        if (string.IsNullOrEmpty(workerId))
        {
            throw new ArgumentException($"The worker id is empty; the schema needs more than {WorkerIdMinExclusive} characters.", parameterName);
        }
        InputText.Check(workerId, "The worker id", parameterName);
        if (InputText.CharacterCount(workerId) <= WorkerIdMinExclusive)
        {
            throw new ArgumentException($"The worker id '{InputText.Echo(workerId)}' is too short; the schema needs more than {WorkerIdMinExclusive} characters.", parameterName);
        }
    }

    internal static string PayloadText(ReadOnlyMemory<byte> payload) => payload.Length == 0 ? "{}" : Encoding.UTF8.GetString(payload.Span);

    // NUL and lone surrogates first: PostgreSQL rejects the one (22021) and the other has no UTF-8
    // form, and a count of characters means nothing until both are ruled out.
    private static void ValidateName(string value, string what, int min, int max, string parameterName)
    {
        InputText.Check(value, what, parameterName);
        var characters = InputText.CharacterCount(value);
        if (characters < min || characters > max)
        {
            throw new ArgumentException($"{what} '{InputText.Echo(value)}' has {characters} characters; use {min} to {max}.", parameterName);
        }
    }
}
