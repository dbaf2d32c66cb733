using System.Globalization;

namespace Jobs.Cli.Input;

/// <summary>Parsers for the values options take: ids, UUIDs, times and durations, all culture-invariant.</summary>
internal static class Values
{
    public static bool TryParseGuid(string text, out Guid value) => Guid.TryParse(text, CultureInfo.InvariantCulture, out value);

    public static bool TryParseId(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    public static bool TryParsePositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    public static bool TryParseInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>An ISO 8601 time with an offset (<c>2026-12-01T09:00:00Z</c>, <c>2026-12-01T10:00+01:00</c>).</summary>
    public static bool TryParseTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
        && text.Contains('T', StringComparison.Ordinal);

    /// <summary>A positive duration: a number and a unit (<c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c>), or <c>hh:mm:ss</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length >= 2 && "smhd".Contains(text[^1], StringComparison.Ordinal)
            && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            try
            {
                value = text[^1] switch
                {
                    's' => TimeSpan.FromSeconds(amount),
                    'm' => TimeSpan.FromMinutes(amount),
                    'h' => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
            }
            catch (OverflowException)
            {
                return false;
            }
        }
        else if (!TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        return value > TimeSpan.Zero;
    }

    public const string DurationForms = "a number and a unit (90s, 15m, 2h, 1d) or hh:mm:ss";

    public const string TimeForms = "an ISO 8601 time such as 2026-12-01T09:00:00Z";
}
