using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Jobs;

/// <summary>
/// A schedule registered in code (or generated from <see cref="RecurringAttribute"/>): the scheduler
/// upserts it as a keyed <c>scheduled_jobs</c> row when it starts, and leaves the row alone when it
/// already holds exactly this registration.
/// </summary>
public sealed class RecurringJob
{
    /// <summary>The prefix of the default key: <c>recurring:</c> plus the task name.</summary>
    public const string DefaultKeyPrefix = "recurring:";

    private string? _key;

    /// <summary>A job of <paramref name="taskIdentifier"/> on a cron schedule.</summary>
    /// <param name="taskIdentifier">The task to enqueue.</param>
    /// <param name="cron">Five fields, or six with seconds first.</param>
    /// <param name="timeZone">The zone the cron fields are read in (IANA or Windows id); null for UTC.</param>
    /// <exception cref="ArgumentException">The task name, the cron expression or the time zone is invalid.</exception>
    public RecurringJob(string taskIdentifier, string cron, string? timeZone = null)
        : this(taskIdentifier, (ToScheduleInfo(cron, timeZone), nameof(cron)))
    {
    }

    // The schedule travels with the name of the parameter it came from, so an error names it.
    private RecurringJob(string taskIdentifier, (string Json, string ParameterName) schedule)
    {
        var (scheduleInfo, scheduleParameterName) = schedule;
        JobLimits.ValidateTask(taskIdentifier, nameof(taskIdentifier));
        JobLimits.ValidateText(scheduleInfo, "The schedule", scheduleParameterName);
        if (!Jobs.ScheduleInfo.TryParse(scheduleInfo, out _, out var error))
        {
            throw new ArgumentException(error, scheduleParameterName);
        }
        TaskIdentifier = taskIdentifier;
        ScheduleInfo = scheduleInfo;
    }

    /// <summary>A job on any schedule_info the scheduler understands (see <see cref="Jobs.ScheduleInfo"/>), such as node-schedule's recurrence object.</summary>
    /// <exception cref="ArgumentException">The task name or the schedule is invalid.</exception>
    public static RecurringJob FromScheduleInfo(string taskIdentifier, string scheduleInfoJson)
    {
        ArgumentNullException.ThrowIfNull(scheduleInfoJson);
        return new RecurringJob(taskIdentifier, (scheduleInfoJson, nameof(scheduleInfoJson)));
    }

    /// <summary>The task to enqueue.</summary>
    public string TaskIdentifier { get; }

    /// <summary>The schedule_info JSON written to the row.</summary>
    public string ScheduleInfo { get; }

    /// <summary>The row's key; default <c>recurring:</c> plus the task name. One row per key.</summary>
    public string Key
    {
        get => _key ?? DefaultKeyPrefix + TaskIdentifier;
        init => _key = value;
    }

    /// <summary>The payload of every job, as JSON text; default <c>{}</c>.</summary>
    public string PayloadJson { get; init; } = "{}";

    /// <summary>The named queue of the jobs; null for none.</summary>
    public string? Queue { get; init; }

    /// <summary>The jobs' priority (lower runs first); default 0.</summary>
    public int Priority { get; init; }

    /// <summary>The jobs' attempts before permanent failure; default 25.</summary>
    public int MaxAttempts { get; init; } = 25;

    /// <summary>The tenant; null for <see cref="JobsClientOptions.DatabaseId"/>.</summary>
    public Guid? DatabaseId { get; init; }

    /// <summary>A copy with the payload serialized from typed arguments (source-generated metadata, so trim and AOT safe).</summary>
    public RecurringJob WithPayload<TArgs>(TArgs args, JsonTypeInfo<TArgs> typeInfo) =>
        With(JsonSerializer.Serialize(args, typeInfo));

    /// <summary>A copy with the payload given as UTF-8 JSON bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="utf8Json"/> is not valid UTF-8 (it is refused, never repaired).</exception>
    public RecurringJob WithPayload(ReadOnlySpan<byte> utf8Json)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            // The full check, for its message naming the offset of the bad bytes.
            JobLimits.ValidatePayload(utf8Json.ToArray(), nameof(utf8Json));
        }
        return With(Encoding.UTF8.GetString(utf8Json));
    }

    /// <summary>Checks what the init accessors set, reported against <paramref name="parameterName"/> (the registering call's).</summary>
    internal void Validate(string parameterName)
    {
        JobLimits.ValidateOptions(new EnqueueOptions { Queue = Queue, Key = Key, MaxAttempts = MaxAttempts }, parameterName);
        // A lone surrogate has no UTF-8 form: encoding would replace it rather than fail.
        JobLimits.ValidateText(PayloadJson, "The payload", parameterName);
        var payload = Encoding.UTF8.GetBytes(PayloadJson);
        JobLimits.ValidatePayload(payload, parameterName);
        // The scheduler compares a stored schedule with its registration through jsonb, which
        // cannot hold \u0000; refused here instead of failing every start-up.
        if (HoldsNul(payload))
        {
            throw new ArgumentException("The payload of a recurring job must not contain \\u0000: the scheduler compares payloads as jsonb, which cannot hold it.", parameterName);
        }
    }

    private static bool HoldsNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JobLimits.MaxPayloadDepthCeiling });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && reader.GetString()!.Contains('\0', StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    internal bool SameAs(RecurringJob other) =>
        TaskIdentifier == other.TaskIdentifier && ScheduleInfo == other.ScheduleInfo && Key == other.Key && PayloadJson == other.PayloadJson
        && Queue == other.Queue && Priority == other.Priority && MaxAttempts == other.MaxAttempts && DatabaseId == other.DatabaseId;

    private RecurringJob With(string payloadJson) => new(TaskIdentifier, (ScheduleInfo, nameof(ScheduleInfo)))
    {
        _key = _key,
        PayloadJson = payloadJson,
        Queue = Queue,
        Priority = Priority,
        MaxAttempts = MaxAttempts,
        DatabaseId = DatabaseId,
    };

    private static string ToScheduleInfo(string cron, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(cron);
        // Cronos stops reading at a NUL, so "0 2 * * *\0junk" would pass as "0 2 * * *".
        InputText.Check(cron, "The cron expression", nameof(cron));
        try
        {
            return Jobs.ScheduleInfo.CronToJson(cron, timeZone);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message, nameof(cron), ex);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Key} ({TaskIdentifier}): {ScheduleInfo}";
}
