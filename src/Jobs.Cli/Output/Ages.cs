using System.Globalization;

namespace Jobs.Cli.Output;

/// <summary>Times and durations as an operator reads them: <c>2026-12-01 09:00:00Z</c>, <c>3m 12s</c>.</summary>
internal static class Ages
{
    public static string Time(DateTimeOffset? value) =>
        value is { } time ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>The two largest units of <paramref name="duration"/>: <c>45s</c>, <c>3m 12s</c>, <c>2h 5m</c>, <c>3d 4h</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }
        return duration.TotalDays >= 1 ? $"{(int)duration.TotalDays}d {duration.Hours}h"
            : duration.TotalHours >= 1 ? $"{duration.Hours}h {duration.Minutes}m"
            : duration.TotalMinutes >= 1 ? $"{duration.Minutes}m {duration.Seconds}s"
            : $"{duration.Seconds}s";
    }

    /// <summary>How long ago <paramref name="value"/> was, from <paramref name="now"/>: <c>3m 12s ago</c>; <c>-</c> for none.</summary>
    public static string Ago(DateTimeOffset? value, DateTimeOffset now) => value is { } time ? Duration(now - time) + " ago" : "-";
}
