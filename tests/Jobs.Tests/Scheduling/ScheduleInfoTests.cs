namespace Jobs.Tests.Scheduling;

public sealed class ScheduleInfoTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    private static DateTimeOffset? Next(string json, DateTimeOffset after) => ScheduleInfo.Parse(json).GetNextOccurrence(after);

    private static List<DateTimeOffset> Take(string json, DateTimeOffset after, int count)
    {
        var schedule = ScheduleInfo.Parse(json);
        var list = new List<DateTimeOffset>();
        var at = after;
        while (list.Count < count && schedule.GetNextOccurrence(at) is { } next)
        {
            list.Add(next);
            at = next;
        }
        return list;
    }

    [Fact]
    public void A_five_field_cron_string_fires_at_its_minute()
    {
        Assert.Equal(Utc(2026, 3, 2, 2, 0), Next("\"0 2 * * *\"", Utc(2026, 3, 1, 2, 0)));
        Assert.Equal(Utc(2026, 3, 1, 2, 0), Next("""{"rule": "0 2 * * *"}""", Utc(2026, 3, 1, 1, 59, 59)));
    }

    [Fact]
    public void A_six_field_cron_string_has_seconds_first()
    {
        Assert.Equal(
            [Utc(2026, 1, 1, 0, 0, 1), Utc(2026, 1, 1, 0, 0, 2), Utc(2026, 1, 1, 0, 0, 3)],
            Take("""{"rule": "* * * * * *"}""", Utc(2026, 1, 1), 3));
        Assert.Equal(Utc(2026, 1, 1, 0, 0, 30), Next("\"30 * * * * *\"", Utc(2026, 1, 1)));
    }

    [Fact]
    public void Next_is_strictly_after_the_given_instant()
    {
        Assert.Equal(Utc(2026, 1, 1, 0, 2), Next("\"*/2 * * * *\"", Utc(2026, 1, 1, 0, 0)));
    }

    [Theory]
    [InlineData("\"0 2 * *\"", "4 field")]
    [InlineData("\"0 0 2 * * * *\"", "7 field")]
    [InlineData("\"61 * * * *\"", "invalid")]
    [InlineData("{\"rule\": \"0 25 * * *\"}", "invalid")]
    [InlineData("{\"rule\": 5}", "cron string")]
    [InlineData("{\"rule\": \"* * * * *\", \"every\": 1}", "unknown property 'every'")]
    [InlineData("{\"rule\": \"* * * * *\", \"tz\": \"Mars/Olympus\"}", "unknown time zone")]
    [InlineData("{\"rule\": \"* * * * *\", \"start\": \"yesterday\"}", "'start' must be a timestamp")]
    [InlineData("{\"rule\": \"* * * * *\", \"start\": \"2026-02-01T00:00:00Z\", \"end\": \"2026-01-01T00:00:00Z\"}", "before 'start'")]
    [InlineData("{\"hour\": 24}", "'hour' value 24 is out of range 0..23")]
    [InlineData("{\"month\": 12}", "(0 = January)")]
    [InlineData("{\"dayOfWeek\": 7}", "(0 = Sunday)")]
    [InlineData("{\"minute\": \"5\"}", "'minute' must be a number")]
    [InlineData("{\"minute\": {\"start\": 10, \"end\": 5}}", "ends (5) before it starts (10)")]
    [InlineData("{\"minute\": {\"start\": 1}}", "needs 'start' and 'end'")]
    [InlineData("{\"minute\": {\"start\": 1, \"end\": 5, \"step\": 0}}", "step 0")]
    [InlineData("{\"minute\": []}", "matches no value")]
    [InlineData("{\"minutes\": [1]}", "unknown property 'minutes'")]
    [InlineData("{\"minute\": 1.5}", "whole numbers")]
    [InlineData("[1, 2]", "expected a cron string or an object")]
    [InlineData("{not json", "not valid JSON")]
    public void Invalid_schedule_info_is_rejected_with_a_clear_message(string json, string expected)
    {
        Assert.False(ScheduleInfo.TryParse(json, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var exception = Assert.Throws<FormatException>(() => ScheduleInfo.Parse(json));
        Assert.Equal(error, exception.Message);
    }

    [Fact]
    public void A_cron_rule_fires_in_its_time_zone()
    {
        // 02:00 in Berlin is 01:00 UTC in winter, 00:00 UTC in summer.
        const string json = """{"rule": "0 2 * * *", "tz": "Europe/Berlin"}""";
        Assert.Equal(Utc(2026, 1, 15, 1, 0), Next(json, Utc(2026, 1, 15)));
        Assert.Equal(Utc(2026, 7, 15, 0, 0), Next(json, Utc(2026, 7, 14, 12, 0)));
    }

    [Fact]
    public void A_cron_rule_in_the_spring_forward_gap_fires_once_right_after_it()
    {
        // Berlin skips 02:00-03:00 on 2026-03-29 (01:00 UTC becomes 03:00 local).
        const string json = """{"rule": "30 2 * * *", "tz": "Europe/Berlin"}""";
        var occurrences = Take(json, Utc(2026, 3, 28, 12, 0), 2);
        Assert.Equal(Utc(2026, 3, 29, 1, 0), occurrences[0]);
        Assert.Equal(Utc(2026, 3, 30, 0, 30), occurrences[1]);
    }

    [Fact]
    public void A_cron_rule_in_the_repeated_fall_back_hour_fires_once()
    {
        // Berlin repeats 02:00-03:00 on 2026-10-25.
        const string json = """{"rule": "30 2 * * *", "tz": "Europe/Berlin"}""";
        var occurrences = Take(json, Utc(2026, 10, 24, 12, 0), 2);
        Assert.Equal(Utc(2026, 10, 25, 0, 30), occurrences[0]);
        Assert.Equal(Utc(2026, 10, 26, 1, 30), occurrences[1]);
    }

    [Fact]
    public void A_rule_with_start_and_end_fires_only_between_them()
    {
        const string json = """{"start": "2026-01-01T00:10:00Z", "end": "2026-01-01T00:12:00Z", "rule": "*/1 * * * *"}""";
        Assert.Equal([Utc(2026, 1, 1, 0, 10), Utc(2026, 1, 1, 0, 11), Utc(2026, 1, 1, 0, 12)], Take(json, Utc(2026, 1, 1), 10));
        Assert.Null(Next(json, Utc(2026, 1, 1, 0, 12)));
        var schedule = ScheduleInfo.Parse(json);
        Assert.Equal(Utc(2026, 1, 1, 0, 10), schedule.Start);
        Assert.Equal(Utc(2026, 1, 1, 0, 12), schedule.End);
    }

    [Fact]
    public void Start_and_end_may_be_epoch_milliseconds_or_null()
    {
        var start = Utc(2026, 5, 1).ToUnixTimeMilliseconds();
        Assert.Equal(Utc(2026, 5, 1, 0, 0), Next($$"""{"start": {{start}}, "end": null, "rule": "0 * * * *"}""", Utc(2026, 1, 1)));
    }

    [Fact]
    public void A_recurrence_object_fires_at_the_given_hour_and_minute_at_second_zero()
    {
        const string json = """{"hour": [2], "minute": [0], "dayOfWeek": [0,1,2,3,4,5,6]}""";
        Assert.Equal([Utc(2026, 3, 1, 2, 0), Utc(2026, 3, 2, 2, 0)], Take(json, Utc(2026, 3, 1, 1, 0), 2));
    }

    [Fact]
    public void An_empty_recurrence_object_fires_every_minute_because_second_defaults_to_zero()
    {
        Assert.Equal([Utc(2026, 1, 1, 0, 1), Utc(2026, 1, 1, 0, 2)], Take("{}", Utc(2026, 1, 1, 0, 0, 5), 2));
    }

    [Fact]
    public void A_recurrence_object_with_seconds_fires_on_those_seconds()
    {
        Assert.Equal(
            [Utc(2026, 1, 1, 0, 0, 15), Utc(2026, 1, 1, 0, 0, 45), Utc(2026, 1, 1, 0, 1, 15)],
            Take("""{"second": [15, 45]}""", Utc(2026, 1, 1), 3));
        Assert.Equal(Utc(2026, 1, 1, 0, 0, 1), Next("""{"second": {"start": 0, "end": 59}}""", Utc(2026, 1, 1)));
    }

    [Fact]
    public void Month_is_zero_based_as_in_javascript()
    {
        // month 0 = January, 11 = December.
        Assert.Equal(Utc(2027, 1, 1, 0, 0), Next("""{"month": 0, "date": 1, "hour": 0, "minute": 0}""", Utc(2026, 2, 1)));
        Assert.Equal(Utc(2026, 12, 25, 9, 0), Next("""{"month": [11], "date": [25], "hour": 9, "minute": 0}""", Utc(2026, 2, 1)));
    }

    [Fact]
    public void Day_of_week_zero_is_sunday()
    {
        // 2026-03-01 is a Sunday.
        var next = Next("""{"dayOfWeek": 0, "hour": 10, "minute": 0}""", Utc(2026, 2, 26));
        Assert.Equal(Utc(2026, 3, 1, 10, 0), next);
        Assert.Equal(DayOfWeek.Sunday, next!.Value.DayOfWeek);
        Assert.Equal(Utc(2026, 2, 28, 10, 0), Next("""{"dayOfWeek": [6], "hour": 10, "minute": 0}""", Utc(2026, 2, 26)));
    }

    [Fact]
    public void Date_and_day_of_week_must_both_match()
    {
        // Friday the 13th: 2026-02-13 and 2026-03-13 are Fridays.
        Assert.Equal(
            [Utc(2026, 2, 13, 0, 0), Utc(2026, 3, 13, 0, 0)],
            Take("""{"date": 13, "dayOfWeek": 5, "hour": 0, "minute": 0}""", Utc(2026, 1, 1), 2));
    }

    [Fact]
    public void Ranges_include_their_end_without_a_step_and_exclude_it_with_one_as_node_schedule_does()
    {
        Assert.Equal(
            [Utc(2026, 1, 1, 9, 0), Utc(2026, 1, 1, 10, 0), Utc(2026, 1, 1, 11, 0), Utc(2026, 1, 2, 9, 0)],
            Take("""{"hour": {"start": 9, "end": 11}, "minute": 0}""", Utc(2026, 1, 1), 4));
        Assert.Equal(
            [Utc(2026, 1, 1, 0, 0), Utc(2026, 1, 1, 0, 20), Utc(2026, 1, 1, 0, 40), Utc(2026, 1, 1, 1, 0)],
            Take("""{"minute": {"start": 0, "end": 59, "step": 20}}""", Utc(2025, 12, 31, 23, 59, 59), 4));
        // With a step, node-schedule's Range stops before its end: 30 is not included.
        Assert.Equal(
            [Utc(2026, 1, 1, 0, 0), Utc(2026, 1, 1, 0, 15), Utc(2026, 1, 1, 1, 0)],
            Take("""{"minute": {"start": 0, "end": 30, "step": 15}}""", Utc(2025, 12, 31, 23, 59, 59), 3));
    }

    [Fact]
    public void Lists_may_mix_numbers_and_ranges()
    {
        Assert.Equal(
            [Utc(2026, 1, 1, 1, 0), Utc(2026, 1, 1, 5, 0), Utc(2026, 1, 1, 6, 0), Utc(2026, 1, 1, 7, 0), Utc(2026, 1, 2, 1, 0)],
            Take("""{"hour": [1, {"start": 5, "end": 7}], "minute": 0}""", Utc(2026, 1, 1), 5));
    }

    [Fact]
    public void Year_limits_the_schedule_and_ends_it()
    {
        const string json = """{"year": 2027, "month": 0, "date": 1, "hour": 0, "minute": 0}""";
        Assert.Equal(Utc(2027, 1, 1), Next(json, Utc(2026, 6, 1)));
        Assert.Null(Next(json, Utc(2027, 1, 1)));
    }

    [Fact]
    public void An_impossible_date_never_fires()
    {
        Assert.Null(Next("""{"month": 1, "date": 31, "hour": 0, "minute": 0}""", Utc(2026, 1, 1)));
    }

    [Fact]
    public void February_29_is_found_in_the_next_leap_year()
    {
        Assert.Equal(Utc(2028, 2, 29, 12, 0), Next("""{"month": 1, "date": 29, "hour": 12, "minute": 0}""", Utc(2026, 3, 1)));
    }

    [Fact]
    public void A_recurrence_object_fires_in_its_time_zone_including_the_dst_gap()
    {
        const string json = """{"hour": 2, "minute": 30, "tz": "Europe/Berlin"}""";
        Assert.Equal(Utc(2026, 1, 15, 1, 30), Next(json, Utc(2026, 1, 15)));
        // 02:30 does not exist on 2026-03-29 in Berlin: it fires when the gap ends, 03:00 local.
        Assert.Equal([Utc(2026, 3, 29, 1, 0), Utc(2026, 3, 30, 0, 30)], Take(json, Utc(2026, 3, 28, 12, 0), 2));
        // 02:30 happens twice on 2026-10-25: once, at the first.
        Assert.Equal([Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 1, 30)], Take(json, Utc(2026, 10, 24, 12, 0), 2));
    }

    [Fact]
    public void Every_minute_across_the_dst_gap_does_not_repeat_or_go_back()
    {
        var occurrences = Take("""{"tz": "Europe/Berlin"}""", Utc(2026, 3, 29, 0, 58), 4);
        Assert.Equal([Utc(2026, 3, 29, 0, 59), Utc(2026, 3, 29, 1, 0), Utc(2026, 3, 29, 1, 1), Utc(2026, 3, 29, 1, 2)], occurrences);
    }

    [Fact]
    public void CronToJson_writes_the_rule_form_and_validates()
    {
        Assert.Equal("""{"rule":"0 2 * * *"}""", ScheduleInfo.CronToJson("0 2 * * *"));
        Assert.Equal("""{"rule":"0 2 * * *","tz":"Europe/Berlin"}""", ScheduleInfo.CronToJson("0 2 * * *", "Europe/Berlin"));
        Assert.Throws<FormatException>(() => ScheduleInfo.CronToJson("0 2 * *"));
        Assert.Throws<FormatException>(() => ScheduleInfo.CronToJson("0 2 * * *", "Nowhere/Land"));
    }

    [Fact]
    public void RecurringJob_defaults_and_validation()
    {
        var job = new RecurringJob("nightly", "0 2 * * *");
        Assert.Equal("recurring:nightly", job.Key);
        Assert.Equal("{}", job.PayloadJson);
        Assert.Equal(25, job.MaxAttempts);
        Assert.Equal("""{"rule":"0 2 * * *"}""", job.ScheduleInfo);
        Assert.Throws<ArgumentException>(() => new RecurringJob("nightly", "0 2 * *"));
        Assert.Throws<ArgumentException>(() => new RecurringJob("", "0 2 * * *"));
        Assert.Throws<ArgumentException>(() => RecurringJob.FromScheduleInfo("nightly", """{"month": 12}"""));
        var withPayload = job.WithPayload("""{"days":3}"""u8);
        Assert.Equal("""{"days":3}""", withPayload.PayloadJson);
        Assert.Equal(job.Key, withPayload.Key);
        Assert.Throws<ArgumentException>(() => new JobsScheduleRegistry().Add(job.WithPayload("{oops"u8)));
    }

    [Fact]
    public void The_registry_keeps_one_registration_per_key_the_last()
    {
        var registry = new JobsScheduleRegistry()
            .Add(new RecurringJob("a", "0 1 * * *"))
            .Add(new RecurringJob("a", "0 3 * * *"))
            .Add(new RecurringJob("b", "0 1 * * *") { Key = "custom" });
        Assert.Equal(["custom", "recurring:a"], registry.Jobs.Select(j => j.Key));
        Assert.Equal("""{"rule":"0 3 * * *"}""", registry.Jobs[1].ScheduleInfo);
    }
}
