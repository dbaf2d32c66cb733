namespace Jobs.Tests.Input;

/// <summary>Hostile input to recurring-job registrations: refused when registered, naming the parameter.</summary>
public sealed class ScheduleInputTests
{
    [Theory]
    [InlineData("nul", "NUL (U+0000) at index 1")]
    [InlineData("surrogate", "lone surrogate (U+D800) at index 1")]
    [InlineData("", "must not be empty")]
    public void The_task_name_is_checked_when_the_job_is_made(string what, string expected)
    {
        // Built here: a lone surrogate does not survive an attribute argument (it becomes U+FFFD).
        var task = what switch { "nul" => "a\0b", "surrogate" => "a\ud800", _ => what };
        var error = Assert.Throws<ArgumentException>(() => new RecurringJob(task, "0 2 * * *"));

        Assert.Equal("taskIdentifier", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_name_of_126_emoji_is_accepted_and_127_refused()
    {
        var ok = new RecurringJob(string.Concat(Enumerable.Repeat("\U0001F600", 126)), "0 2 * * *");
        var error = Assert.Throws<ArgumentException>(() => new RecurringJob(string.Concat(Enumerable.Repeat("\U0001F600", 127)), "0 2 * * *"));

        Assert.Equal(252, ok.TaskIdentifier.Length);
        Assert.Contains("has 127 characters; use 1 to 126", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cron_expression_with_a_nul_is_refused_rather_than_read_up_to_it()
    {
        // Cronos stops at the NUL and would read the five fields before it.
        var error = Assert.Throws<ArgumentException>(() => new RecurringJob("t", "0 2 * * *\0junk"));

        Assert.Equal("cron", error.ParamName);
        Assert.Contains("NUL (U+0000) at index 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_with_a_lone_surrogate_names_the_schedule_parameter()
    {
        var error = Assert.Throws<ArgumentException>(() => RecurringJob.FromScheduleInfo("t", "{\"rule\":\"* * * * *\",\"tz\":\"\ud800\"}"));

        Assert.Equal("scheduleInfoJson", error.ParamName);
        Assert.Contains("lone surrogate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key")]
    [InlineData("queue")]
    [InlineData("payload")]
    public void Registering_refuses_nul_and_lone_surrogates_naming_the_job(string where)
    {
        var job = where switch
        {
            "key" => new RecurringJob("t", "0 2 * * *") { Key = "k\0" },
            "queue" => new RecurringJob("t", "0 2 * * *") { Queue = "q\ud800" },
            _ => new RecurringJob("t", "0 2 * * *") { PayloadJson = "{\"a\":\"\udc00\"}" },
        };
        var registry = new JobsScheduleRegistry();

        var error = Assert.Throws<ArgumentException>(() => registry.Add(job));

        Assert.Equal("job", error.ParamName);
        Assert.Empty(registry.Jobs);
    }

    [Fact]
    public void A_recurring_payload_holding_an_escaped_nul_is_refused_because_the_scheduler_compares_it_as_jsonb()
    {
        var registry = new JobsScheduleRegistry();

        var error = Assert.Throws<ArgumentException>(() => registry.Add(new RecurringJob("t", "0 2 * * *") { PayloadJson = """{"a":"x\u0000"}""" }));
        registry.Add(new RecurringJob("t", "0 2 * * *") { PayloadJson = """{"a":"x\\u0000"}""" });

        Assert.Contains("must not contain \\u0000", error.Message, StringComparison.Ordinal);
        Assert.Single(registry.Jobs);
    }

    [Fact]
    public void A_payload_of_invalid_utf8_bytes_is_refused_not_repaired()
    {
        byte[] payload = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var error = Assert.Throws<ArgumentException>(() => new RecurringJob("t", "0 2 * * *").WithPayload(payload));

        Assert.Equal("utf8Json", error.ParamName);
        Assert.Contains("not valid UTF-8: the bytes at offset 6", error.Message, StringComparison.Ordinal);
    }
}
