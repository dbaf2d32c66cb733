using System.Globalization;

namespace Jobs.Dashboard.Rendering;

/// <summary>How values read on a page: ages, times and counts, invariant and short.</summary>
internal static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"4 s", "12 min", "3 h 5 min", "2 d 4 h".</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            return "in " + Age(-age);
        }
        return age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds} s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : $"{(int)age.TotalDays} d {age.Hours} h";
    }

    /// <summary>The time in UTC to the second, ISO 8601 ("2026-12-01 07:30:05Z"); infinities by name.</summary>
    public static string Time(DateTimeOffset? time) => time switch
    {
        null => "",
        { } t when t == DateTimeOffset.MaxValue => "infinity",
        { } t when t == DateTimeOffset.MinValue => "-infinity",
        { } t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>The first line of <paramref name="text"/>, cut to <paramref name="length"/> characters.</summary>
    public static string FirstLine(string? text, int length = 120)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var end = text.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? text : text[..end];
        return line.Length <= length ? line : string.Concat(line.AsSpan(0, length - 1), "…");
    }
}
