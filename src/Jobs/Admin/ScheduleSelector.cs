using System.Globalization;

namespace Jobs;

/// <summary>One schedule, named by its id or by its key (the <c>jobs schedules</c> commands' <c>&lt;id|key&gt;</c>).</summary>
public readonly record struct ScheduleSelector
{
    private ScheduleSelector(long? id, string? key)
    {
        Id = id;
        Key = key;
    }

    /// <summary>The schedule's id; null when it is named by key.</summary>
    public long? Id { get; }

    /// <summary>The schedule's key; null when it is named by id.</summary>
    public string? Key { get; }

    /// <summary>The schedule with <paramref name="id"/>.</summary>
    public static ScheduleSelector ById(long id) => new(id, null);

    /// <summary>The schedule keyed <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty, longer than the schema allows, or holds NUL or a lone surrogate.</exception>
    public static ScheduleSelector ByKey(string key)
    {
        JobLimits.ValidateKey(key, nameof(key));
        return new(null, key);
    }

    /// <summary>
    /// <paramref name="text"/> as the tool reads it: digits only (a positive 64-bit number) name an id,
    /// anything else a key. A key made only of digits cannot be named this way; use <see cref="ByKey"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not a valid id or key.</exception>
    public static ScheduleSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text.All(char.IsAsciiDigit)
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? ById(id)
                : throw new ArgumentException($"'{text}' is not a schedule id (a positive 64-bit number).", nameof(text))
            : ByKey(text);
    }

    /// <summary>"schedule 7" or "schedule 'nightly'", as messages name it.</summary>
    public override string ToString() => Id is { } id ? $"schedule {id.ToString(CultureInfo.InvariantCulture)}" : $"schedule '{Key}'";
}
