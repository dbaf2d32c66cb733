namespace Jobs;

/// <summary>
/// node-schedule's RecurrenceRule: a set of allowed values per field (null = every value), matched in
/// a time zone's wall-clock time. Month is 0-based and dayOfWeek 0 = Sunday, as in JavaScript.
/// </summary>
internal sealed class RecurrenceRule(bool[] seconds, bool[]? minutes, bool[]? hours, bool[]? dates, bool[]? months, bool[]? years, bool[]? daysOfWeek)
{
    // Enough to find Feb 29 after a run of non-leap years; an impossible rule (Feb 31) ends here.
    private const int YearsToSearch = 9;

    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        var wall = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var local = new DateTime(wall.Ticks - wall.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified).AddSeconds(1);
        var lastYear = Math.Min(9999, local.Year + YearsToSearch);
        while (local.Year <= lastYear)
        {
            if (years is not null && !years[local.Year])
            {
                var nextYear = Array.IndexOf(years, true, local.Year + 1);
                if (nextYear < 0)
                {
                    return null;
                }
                local = new DateTime(nextYear, 1, 1);
                lastYear = Math.Min(9999, nextYear + YearsToSearch);
                continue;
            }
            if (months is not null && !months[local.Month - 1])
            {
                local = StartOfMonth(local).AddMonths(1);
                continue;
            }
            if ((dates is not null && !dates[local.Day]) || (daysOfWeek is not null && !daysOfWeek[(int)local.DayOfWeek]))
            {
                local = local.Date.AddDays(1);
                continue;
            }
            if (hours is not null && !hours[local.Hour])
            {
                local = local.Date.AddHours(local.Hour + 1);
                continue;
            }
            if (minutes is not null && !minutes[local.Minute])
            {
                local = local.Date.AddHours(local.Hour).AddMinutes(local.Minute + 1);
                continue;
            }
            if (!seconds[local.Second])
            {
                local = local.AddSeconds(1);
                continue;
            }
            var instant = ToInstant(local, zone);
            if (instant > after)
            {
                return instant;
            }
            local = local.AddSeconds(1);
        }
        return null;
    }

    private static DateTime StartOfMonth(DateTime local) => new(local.Year, local.Month, 1);

    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        if (zone == TimeZoneInfo.Utc)
        {
            return new DateTimeOffset(local, TimeSpan.Zero);
        }
        if (zone.IsInvalidTime(local))
        {
            // The spring-forward gap: fire at the first wall-clock time that exists after it.
            var valid = local;
            while (zone.IsInvalidTime(valid))
            {
                valid = valid.AddMinutes(1);
            }
            valid = new DateTime(valid.Ticks - valid.Ticks % TimeSpan.TicksPerMinute);
            return new DateTimeOffset(valid, zone.GetUtcOffset(valid));
        }
        if (zone.IsAmbiguousTime(local))
        {
            // Fall back: the first of the two instants (the larger offset).
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
