using System.Text;
using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;
using Npgsql;

namespace Jobs.Tests.Input;

/// <summary>
/// Hostile input to <see cref="JobsClient"/>: every refusal is an <see cref="ArgumentException"/>
/// naming the real parameter, raised before anything reaches the database; everything accepted
/// is stored exactly as sent.
/// </summary>
public sealed class ClientInputTests(InstallerDatabase database) : RuntimeTest(database), IClassFixture<InstallerDatabase>
{
    // U+1F600, two UTF-16 units and four UTF-8 bytes, but one character to PostgreSQL.
    private const string Emoji = "\U0001F600";

    [Fact]
    public async Task Invalid_utf8_inside_a_payload_string_is_refused_with_its_offset_and_nothing_is_stored()
    {
        // {"a":"<C3 28>"}: C3 opens a two-byte sequence, 28 ('(') cannot continue it.
        byte[] payload = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var one = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueAsync("t", payload));
        var many = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueManyAsync([new JobRequest("t", default), new JobRequest("t", payload)]));

        Assert.Equal("payload", one.ParamName);
        Assert.Contains("not valid UTF-8", one.Message, StringComparison.Ordinal);
        Assert.Contains("offset 6 (C3 28 22 7D)", one.Message, StringComparison.Ordinal);
        Assert.Equal("jobs", many.ParamName);
        Assert.StartsWith("jobs[1]: The payload is not valid UTF-8", many.Message, StringComparison.Ordinal);
        Assert.Equal(0, await JobCountAsync());
    }

    [Fact]
    public async Task Valid_utf8_is_stored_byte_for_byte()
    {
        var text = $$"""{"a":"{{Emoji}} é ß \u0001 日本"}""";
        var sent = Encoding.UTF8.GetBytes(text);

        var job = await Client.EnqueueAsync("t", sent);

        Assert.Equal(text, job.Payload);
        Assert.Equal(sent, await ScalarAsync<byte[]>("SELECT convert_to(payload::text, 'UTF8') FROM app_jobs.jobs WHERE id = $1", job.Id));
    }

    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":"x\udc00"}""")]
    [InlineData("""{"\ud83d":1}""")]
    public async Task A_lone_surrogate_escape_in_the_payload_is_refused(string json)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueAsync("t", Json(json)));

        Assert.Equal("payload", error.ParamName);
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await JobCountAsync());
    }

    [Fact]
    public async Task A_surrogate_pair_escape_is_accepted_and_kept_as_written()
    {
        var job = await Client.EnqueueAsync("t", Json("""{"a":"\ud83d\ude00"}"""));

        Assert.Equal("""{"a":"\ud83d\ude00"}""", job.Payload);
        Assert.Equal(Emoji, await ScalarAsync<string>("SELECT payload->>'a' FROM app_jobs.jobs WHERE id = $1", job.Id));
    }

    [Fact]
    public async Task An_escaped_nul_in_the_payload_round_trips_in_the_json_column()
    {
        // The column is json (text kept as written), which holds \u0000; jsonb would refuse it.
        var job = await Client.EnqueueAsync("t", Json("""{"a":"x\u0000y"}"""));

        Assert.Equal("""{"a":"x\u0000y"}""", job.Payload);
        var stored = await Admin.GetAsync(job.Id);
        Assert.Equal("""{"a":"x\u0000y"}""", stored!.Payload);
        var reader = new System.Text.Json.Utf8JsonReader(Json(stored.Payload));
        reader.Read();
        reader.Read();
        reader.Read();
        Assert.Equal("x\0y", reader.GetString());
    }

    [Theory]
    [InlineData("task", "taskIdentifier", "The task identifier contains NUL (U+0000) at index 1")]
    [InlineData("queue", "options", "The queue name contains NUL (U+0000) at index 1")]
    [InlineData("key", "options", "The job key contains NUL (U+0000) at index 1")]
    public async Task Nul_in_a_name_is_refused_before_the_server_naming_the_parameter(string where, string parameter, string message)
    {
        var (task, options) = With(where, "a\0b");

        var one = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueAsync(task, default, options));
        var many = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueManyAsync([new JobRequest(task, default, options)]));

        Assert.Equal(parameter, one.ParamName);
        Assert.StartsWith(message, one.Message, StringComparison.Ordinal);
        Assert.StartsWith("jobs[0]: " + message, many.Message, StringComparison.Ordinal);
        Assert.Equal(0, await JobCountAsync());
    }

    [Theory]
    [InlineData("task", "taskIdentifier")]
    [InlineData("queue", "options")]
    [InlineData("key", "options")]
    public async Task A_lone_surrogate_in_a_name_is_an_argument_error_not_an_encoder_fallback(string where, string parameter)
    {
        var (task, options) = With(where, "ab\ud800");

        var error = await Record.ExceptionAsync(() => Client.EnqueueAsync(task, default, options));

        var argument = Assert.IsType<ArgumentException>(error);
        Assert.Equal(parameter, argument.ParamName);
        Assert.Contains("lone surrogate (U+D800) at index 2", argument.Message, StringComparison.Ordinal);
        Assert.Equal(0, await JobCountAsync());
    }

    [Theory]
    [InlineData("task", 126)]
    [InlineData("queue", 126)]
    [InlineData("key", 512)]
    public async Task Names_are_counted_in_characters_as_postgresql_counts_them(string where, int limit)
    {
        var (task, options) = With(where, string.Concat(Enumerable.Repeat(Emoji, limit)));

        var job = await Client.EnqueueAsync(task, default, options);

        var column = where switch { "task" => "task_identifier", "queue" => "queue_name", _ => "key" };
        Assert.Equal(limit, await ScalarAsync<int>($"SELECT length({column}) FROM app_jobs.jobs WHERE id = $1", job.Id));

        var (tooLongTask, tooLongOptions) = With(where, string.Concat(Enumerable.Repeat(Emoji, limit + 1)));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueAsync(tooLongTask, default, tooLongOptions));
        Assert.Contains($"has {limit + 1} characters; use 1 to {limit}", error.Message, StringComparison.Ordinal);
        // The message repeats 64 characters of the name, then its length.
        Assert.Contains($"…({limit + 1} characters)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await JobCountAsync());
    }

    [Theory]
    [InlineData("task_identifier", 127)]
    [InlineData("queue_name", 127)]
    [InlineData("key", 513)]
    public async Task The_client_limits_are_the_schema_checks(string column, int tooLong)
    {
        // The server refuses one character more, which is what the client refuses too.
        var value = string.Concat(Enumerable.Repeat(Emoji, tooLong));
        var columns = column == "task_identifier" ? "database_id, task_identifier" : $"database_id, task_identifier, {column}";
        var values = column == "task_identifier" ? "$1, $2" : "$1, 't', $2";

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"INSERT INTO app_jobs.jobs ({columns}) VALUES ({values})", DatabaseId, value));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task Payload_depth_up_to_the_default_limit_is_stored_and_one_more_is_refused()
    {
        var atLimit = Nested(JobLimits.DefaultPayloadDepth);

        var job = await Client.EnqueueAsync("t", atLimit);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueAsync("t", Nested(JobLimits.DefaultPayloadDepth + 1)));

        Assert.Equal(Encoding.UTF8.GetString(atLimit), job.Payload);
        Assert.Equal("payload", error.ParamName);
        Assert.Contains("more than 1000 levels deep (at byte offset 5000)", error.Message, StringComparison.Ordinal);
        Assert.Contains("JobsClientOptions.MaxPayloadDepth", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await JobCountAsync());
    }

    [Fact]
    public async Task Payload_depth_is_configurable_up_to_the_ceiling_which_postgresql_accepts()
    {
        var deep = new JobsClient(DataSource, new JobsClientOptions { DatabaseId = DatabaseId, MaxPayloadDepth = JobLimits.MaxPayloadDepthCeiling });
        var shallow = new JobsClient(DataSource, new JobsClientOptions { DatabaseId = DatabaseId, MaxPayloadDepth = 3 });

        var job = await deep.EnqueueAsync("t", Nested(JobLimits.MaxPayloadDepthCeiling));
        await shallow.EnqueueAsync("t", Nested(3));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => shallow.EnqueueAsync("t", Nested(4)));

        Assert.Equal(JobLimits.MaxPayloadDepthCeiling * 6 + 1, job.Payload.Length);
        Assert.Contains("more than 3 levels deep", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await JobCountAsync());
    }

    [Fact]
    public async Task A_written_payload_is_trusted_within_the_writers_depth_and_checked_under_a_lower_limit()
    {
        var shallow = new JobsClient(DataSource, new JobsClientOptions { DatabaseId = DatabaseId, MaxPayloadDepth = 3 });
        // Not JSON at all: only a payload the client does not parse again can get as far as PostgreSQL.
        var notJson = Json("{\"a\":");

        var stored = await Client.EnqueueManyAsync([JobRequest.Written("t", Nested(JobLimits.DefaultPayloadDepth))]);
        var fromServer = await Assert.ThrowsAsync<PostgresException>(() => Client.EnqueueWrittenAsync("t", notJson));
        var fromClient = await Assert.ThrowsAsync<ArgumentException>(() => shallow.EnqueueManyAsync([JobRequest.Written("t", Nested(4))]));

        Assert.Equal(Nested(JobLimits.DefaultPayloadDepth), stored[0].PayloadUtf8.ToArray());
        Assert.Equal(PostgresErrorCodes.InvalidTextRepresentation, fromServer.SqlState);
        Assert.Contains("more than 3 levels deep", fromClient.Message, StringComparison.Ordinal);
        Assert.Equal(1, await JobCountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(JobLimits.MaxPayloadDepthCeiling + 1)]
    public void A_depth_limit_outside_what_the_readers_read_is_refused(int depth)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new JobsClient(DataSource, new JobsClientOptions { MaxPayloadDepth = depth }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("MaxPayloadDepth must be 1 to 10000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_readers_read_to_the_ceiling()
    {
        var payload = Nested(JobLimits.MaxPayloadDepthCeiling);
        var reader = JobPayloadReader.Open(payload);
        var deepest = 0;

        while (reader.Read())
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.StartObject)
            {
                deepest = Math.Max(deepest, reader.CurrentDepth + 1);
            }
        }

        Assert.Equal(JobLimits.MaxPayloadDepthCeiling, deepest);
    }

    [Fact]
    public async Task Delay_of_TimeSpan_MaxValue_is_an_argument_error_on_options()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.EnqueueAsync("t", default, new EnqueueOptions { Delay = TimeSpan.MaxValue }));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith("Delay is ", error.Message, StringComparison.Ordinal);
    }

    // depth levels of {"a": ... }, 6 bytes each, around a 0: {"a":{"a":0}} is depth 2.
    private static byte[] Nested(int depth) =>
        Json(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "0" + new string('}', depth));

    private static (string Task, EnqueueOptions Options) With(string where, string value) => where switch
    {
        "task" => (value, EnqueueOptions.Default),
        "queue" => ("t", new EnqueueOptions { Queue = value }),
        _ => ("t", new EnqueueOptions { Key = value }),
    };
}
