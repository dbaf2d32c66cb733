using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Actions;

/// <summary>
/// The actions' own inputs as the form carries them: reschedule's run-at (UTC; empty or "now":
/// when the change is made), fail's reason (empty: the schema's default), unlock's "older than"
/// (default 4 h, the workers' default job expiry, as the <c>jobs</c> CLI has it).
/// </summary>
internal sealed record ActionParameters(DateTimeOffset? RunAt, string? Reason, TimeSpan OlderThan, string OlderThanText)
{
    public static readonly TimeSpan DefaultOlderThan = TimeSpan.FromHours(4);

    public const string DefaultOlderThanText = "4h";

    private static readonly string[] RunAtFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>The parameters, or why the form's values are not parameters.</summary>
    public static (ActionParameters? Parameters, string? Error) From(IFormCollection form)
    {
        var runAtText = Value(form, "run_at");
        DateTimeOffset? runAt = null;
        if (runAtText is not null && !runAtText.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            // datetime-local sends no zone: the form says the time is UTC.
            if (!DateTime.TryParseExact(runAtText, RunAtFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, $"'{runAtText}' is not a run-at time: use yyyy-mm-ddThh:mm (UTC), or leave it empty for now.");
            }
            runAt = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        }
        var olderThanText = Value(form, "older_than") ?? DefaultOlderThanText;
        if (!TryParseDuration(olderThanText, out var olderThan))
        {
            return (null, $"'{olderThanText}' is not a duration: use a whole number with s, m, h or d (90s, 30m, 4h, 1d).");
        }
        return (new ActionParameters(runAt, Value(form, "reason"), olderThan, olderThanText), null);
    }

    /// <summary>The form fields that carry these parameters on to the confirmation's form.</summary>
    public IEnumerable<(string Name, string Value)> Fields()
    {
        if (RunAt is { } runAt)
        {
            yield return ("run_at", runAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        }
        if (Reason is not null)
        {
            yield return ("reason", Reason);
        }
        yield return ("older_than", OlderThanText);
    }

    /// <summary>"90s", "30m", "4h", "1d": a positive whole number and a unit, as the CLI takes them.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount > 100_000)
        {
            return false;
        }
        duration = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero;
    }

    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
}
