using System.Globalization;
using System.Text.Json;
using Cronos;

namespace Jobs;

/// <summary>
/// A parsed <c>scheduled_jobs.schedule_info</c>: when a recurring job fires. Pure: no clock, no database.
/// </summary>
/// <remarks>
/// <para>Three forms are understood, as the reference scheduler (node-schedule) reads them:</para>
/// <list type="bullet">
/// <item>a cron string, as a JSON string or as <c>{"rule": "0 2 * * *"}</c>: five fields, or six with
/// seconds first (Cronos syntax: lists, ranges, steps, names, <c>L</c>, <c>W</c>, <c>#</c>); optional
/// <c>"tz"</c> (an IANA or Windows time-zone id; default UTC) and <c>"start"</c>/<c>"end"</c>
/// timestamps (ISO 8601 strings or epoch milliseconds) outside which it never fires;</item>
/// <item>node-schedule's recurrence object: <c>second</c> (absent means 0), <c>minute</c>, <c>hour</c>,
/// <c>date</c> (day of month), <c>month</c> (0 = January), <c>year</c>, <c>dayOfWeek</c> (0 = Sunday),
/// each a number, a list, or a range <c>{"start": a, "end": b, "step": s}</c> (without a step, or with
/// step 1, the end is included; with a larger step it is not, exactly as node-schedule's Range);
/// an absent field matches everything, so <c>{}</c> fires every minute. When both <c>date</c> and
/// <c>dayOfWeek</c> are given, both must match (unlike cron). <c>tz</c> as above.</item>
/// </list>
/// <para>Time zones: a local time that does not exist (the spring-forward gap) fires at the first
/// instant after the gap; a local time that occurs twice (fall back) fires once, at the first of the two.</para>
/// </remarks>
public sealed class ScheduleInfo
{
    private static readonly string[] RecurrenceFields = ["second", "minute", "hour", "date", "month", "year", "dayOfWeek", "tz"];

    private readonly CronExpression? _cron;
    private readonly RecurrenceRule? _recurrence;

    private ScheduleInfo(CronExpression? cron, RecurrenceRule? recurrence, TimeZoneInfo zone, DateTimeOffset? start, DateTimeOffset? end, string description)
    {
        _cron = cron;
        _recurrence = recurrence;
        TimeZone = zone;
        Start = start;
        End = end;
        Description = description;
    }

    /// <summary>The zone local times are read in; UTC unless the schedule names one.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>No occurrence before this instant; null for no limit.</summary>
    public DateTimeOffset? Start { get; }

    /// <summary>No occurrence after this instant; null for no limit.</summary>
    public DateTimeOffset? End { get; }

    /// <summary>A short human-readable description, for logs.</summary>
    public string Description { get; }

    /// <summary>Parses schedule_info JSON.</summary>
    /// <exception cref="FormatException">It is not a schedule this library understands; the message says why.</exception>
    public static ScheduleInfo Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(json, out var schedule, out var error) ? schedule : throw new FormatException(error);
    }

    /// <summary>Parses schedule_info JSON; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ScheduleInfo? schedule, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        schedule = null;
        try
        {
            using var document = JsonDocument.Parse(json ?? "");
            schedule = FromElement(document.RootElement);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"schedule_info is not valid JSON: {ex.Message}";
        }
        catch (FormatException ex)
        {
            error = $"Invalid schedule_info {Shorten(json)}: {ex.Message}";
        }
        return false;
    }

    /// <summary>
    /// The schedule_info JSON for a cron expression (<c>{"rule": ...}</c>, plus <c>"tz"</c> when given),
    /// the form both this scheduler and node-schedule read.
    /// </summary>
    /// <exception cref="FormatException">The expression or the time zone is invalid.</exception>
    public static string CronToJson(string cron, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(cron);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("rule", cron);
            if (timeZone is not null)
            {
                writer.WriteString("tz", timeZone);
            }
            writer.WriteEndObject();
        }
        var json = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        Parse(json);
        return json;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var from = after;
        var inclusive = false;
        if (Start is { } start && start > after)
        {
            from = start;
            inclusive = true;
        }
        var next = _cron is not null
            ? _cron.GetNextOccurrence(from.ToUniversalTime(), TimeZone, inclusive)
            : _recurrence!.Next(inclusive ? from.AddTicks(-1) : from, TimeZone);
        return next is { } value && (End is null || value <= End) ? value.ToUniversalTime() : null;
    }

    private static ScheduleInfo FromElement(JsonElement root)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.String:
                return FromCron(root.GetString()!, TimeZoneInfo.Utc, null, null);
            case JsonValueKind.Object:
                break;
            default:
                throw new FormatException($"expected a cron string or an object, not {root.ValueKind}.");
        }

        var zone = root.TryGetProperty("tz", out var tz) ? ReadZone(tz) : TimeZoneInfo.Utc;
        if (root.TryGetProperty("rule", out var rule))
        {
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("rule" or "start" or "end" or "tz"))
                {
                    throw new FormatException($"unknown property '{property.Name}' beside 'rule' (expected start, end, tz).");
                }
            }
            if (rule.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("'rule' must be a cron string.");
            }
            var start = root.TryGetProperty("start", out var s) ? ReadInstant(s, "start") : null;
            var end = root.TryGetProperty("end", out var e) ? ReadInstant(e, "end") : null;
            if (start is not null && end is not null && end < start)
            {
                throw new FormatException("'end' is before 'start'.");
            }
            return FromCron(rule.GetString()!, zone, start, end);
        }

        foreach (var property in root.EnumerateObject())
        {
            if (Array.IndexOf(RecurrenceFields, property.Name) < 0)
            {
                throw new FormatException($"unknown property '{property.Name}' (expected rule, start, end, tz, or node-schedule's second, minute, hour, date, month, year, dayOfWeek).");
            }
        }
        var recurrence = new RecurrenceRule(
            ReadField(root, "second", 0, 59) ?? OnlyZero(59),
            ReadField(root, "minute", 0, 59),
            ReadField(root, "hour", 0, 23),
            ReadField(root, "date", 1, 31),
            ReadField(root, "month", 0, 11),
            ReadField(root, "year", 1, 9999),
            ReadField(root, "dayOfWeek", 0, 6));
        return new ScheduleInfo(null, recurrence, zone, null, null, root.GetRawText());
    }

    private static ScheduleInfo FromCron(string expression, TimeZoneInfo zone, DateTimeOffset? start, DateTimeOffset? end)
    {
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields switch
        {
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            _ => throw new FormatException($"the cron expression '{expression}' has {fields} field(s); expected 5 (minute hour day month weekday) or 6 (with seconds first)."),
        };
        try
        {
            var cron = CronExpression.Parse(expression, format);
            return new ScheduleInfo(cron, null, zone, start, end, expression);
        }
        catch (CronFormatException ex)
        {
            throw new FormatException($"the cron expression '{expression}' is invalid: {ex.Message}", ex);
        }
    }

    private static TimeZoneInfo ReadZone(JsonElement tz)
    {
        if (tz.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(tz.GetString()))
        {
            throw new FormatException("'tz' must be a time-zone id such as \"Europe/Berlin\".");
        }
        var id = tz.GetString()!;
        try
        {
            return id is "UTC" or "Etc/UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"unknown time zone '{id}'.", ex);
        }
    }

    private static DateTimeOffset? ReadInstant(JsonElement value, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.TryGetInt64(out var milliseconds):
                return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            case JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant):
                return instant;
            default:
                throw new FormatException($"'{name}' must be a timestamp (ISO 8601 string or epoch milliseconds), not {value.GetRawText()}.");
        }
    }

    private static bool[]? ReadField(JsonElement root, string name, int min, int max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var allowed = new bool[max + 1];
        var any = false;
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                any |= Add(item, allowed, name, min, max);
            }
        }
        else
        {
            any = Add(value, allowed, name, min, max);
        }
        if (!any)
        {
            throw new FormatException($"'{name}' matches no value in {min}..{max}.");
        }
        return allowed;
    }

    private static bool[] OnlyZero(int max)
    {
        var allowed = new bool[max + 1];
        allowed[0] = true;
        return allowed;
    }

    private static bool Add(JsonElement item, bool[] allowed, string name, int min, int max)
    {
        if (item.ValueKind == JsonValueKind.Number)
        {
            var number = ReadInt(item, name);
            Check(number, name, min, max);
            allowed[number] = true;
            return true;
        }
        if (item.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is not ("start" or "end" or "step"))
                {
                    throw new FormatException($"unknown property '{property.Name}' in a range of '{name}' (expected start, end, step).");
                }
            }
            if (!item.TryGetProperty("start", out var s) || !item.TryGetProperty("end", out var e))
            {
                throw new FormatException($"a range of '{name}' needs 'start' and 'end'.");
            }
            var start = ReadInt(s, name);
            var end = ReadInt(e, name);
            var step = item.TryGetProperty("step", out var st) && st.ValueKind != JsonValueKind.Null ? ReadInt(st, name) : 1;
            if (step < 1)
            {
                throw new FormatException($"a range of '{name}' has step {step}; it must be at least 1.");
            }
            Check(start, name, min, max);
            Check(end, name, min, max);
            if (end < start)
            {
                throw new FormatException($"a range of '{name}' ends ({end}) before it starts ({start}).");
            }
            var any = false;
            // node-schedule's Range: end included without a step (or step 1), excluded with a larger step.
            for (var v = start; step == 1 ? v <= end : v < end; v += step)
            {
                allowed[v] = true;
                any = true;
            }
            return any;
        }
        throw new FormatException($"'{name}' must be a number, a list or a range {{\"start\", \"end\", \"step\"}}, not {item.GetRawText()}.");
    }

    private static int ReadInt(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new FormatException($"'{name}' must hold whole numbers, not {value.GetRawText()}.");

    private static void Check(int value, string name, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new FormatException($"'{name}' value {value} is out of range {min}..{max}{(name == "month" ? " (0 = January)" : name == "dayOfWeek" ? " (0 = Sunday)" : "")}.");
        }
    }

    internal static string Shorten(string? value) => value is null ? "null" : value.Length <= 80 ? value : value[..80] + "…";

    /// <inheritdoc />
    public override string ToString() => Description;
}
