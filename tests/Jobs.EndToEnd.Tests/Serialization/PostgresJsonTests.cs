using System.Text;
using System.Text.Json;
using Jobs.EndToEnd.Tests.Infrastructure;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Generated;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;
using static Jobs.EndToEnd.Tests.Infrastructure.PostgresJson;

namespace Jobs.EndToEnd.Tests.Serialization;

/// <summary>
/// JSON written by PostgreSQL (row_to_json, to_json, json_build_object, jsonb, json_agg, in
/// non-UTC session time zones, with numbers beyond 2^53 and beyond long), enqueued through
/// app_jobs.add_job and read back from app_jobs.jobs: the generated reader gives what
/// System.Text.Json gives for the same bytes, or fails naming the path where System.Text.Json fails.
/// </summary>
public sealed class PostgresJsonTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>
{
    private static Primitives Generated(byte[] json) => JobsEndToEndTestsJobPayloads.DeserializePrimitives(json);

    private Task<byte[]> Payload(string sql, string? setup = null) => PayloadAsync(database.ConnectionString, sql, setup);

    private Task<byte[]> Row(string function, string row, string timeZone) =>
        Payload($"(SELECT {function}(p) FROM public.pg_primitives p WHERE row_name = '{row}')", $"{PrimitivesTable} SET TIME ZONE '{timeZone}';");

    [Fact]
    public async Task The_server_writes_UTF8()
    {
        var json = await Payload("json_build_object('s', 'é😀')");

        Assert.Equal("{\"s\" : \"é😀\"}", Encoding.UTF8.GetString(json));
    }

    [Theory]
    [InlineData("row_to_json", "extremes", "UTC")]
    [InlineData("row_to_json", "extremes", "America/St_Johns")]
    [InlineData("row_to_json", "ordinary", "America/St_Johns")]
    [InlineData("to_json", "extremes", "Asia/Kathmandu")]
    [InlineData("to_json", "ordinary", "UTC")]
    [InlineData("to_json", "ordinary", "Pacific/Chatham")]
    [InlineData("row_to_json", "ordinary", "-03:30")]
    public async Task A_table_row_of_every_column_type_reads_as_System_Text_Json_reads_it(string function, string row, string timeZone) =>
        ReadsAsSystemTextJson(await Row(function, row, timeZone), Generated);

    [Fact]
    public async Task Timestamps_written_in_a_half_hour_zone_keep_their_offset_and_instant()
    {
        var json = await Row("row_to_json", "extremes", "America/St_Johns");
        Assert.Contains("\"at\":\"2024-05-06T04:38:09.123456-02:30\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);

        var value = ReadsAsSystemTextJson(json, Generated);
        var reference = JsonSerializer.Deserialize<Primitives>(json, SnakeCase)!;

        Assert.Equal(new DateTimeOffset(2024, 5, 6, 4, 38, 9, TimeSpan.FromHours(-2.5)).AddTicks(1_234_560), value.At);
        Assert.Equal(TimeSpan.FromHours(-2.5), value.At.Offset);
        // timestamp without time zone: no offset, an unspecified DateTime, as System.Text.Json gives it.
        Assert.Equal((reference.When.Kind, reference.When.Ticks), (value.When.Kind, value.When.Ticks));
        Assert.Equal(DateTimeKind.Unspecified, value.When.Kind);
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(9_999_990), value.When);
    }

    [Theory]
    [InlineData("America/St_Johns")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("UTC")]
    public async Task A_timestamptz_into_a_DateTime_member_is_the_local_DateTime_System_Text_Json_makes(string timeZone)
    {
        var json = await Payload(PrimitivesWith("when", "timestamptz '2024-05-06 07:08:09.5+00'"), $"SET TIME ZONE '{timeZone}';");

        var value = ReadsAsSystemTextJson(json, Generated);
        var reference = JsonSerializer.Deserialize<Primitives>(json, SnakeCase)!;

        Assert.Equal((reference.When.Kind, reference.When.Ticks), (value.When.Kind, value.When.Ticks));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, 500, DateTimeKind.Utc), value.When.ToUniversalTime());
    }

    [Theory]
    [InlineData("America/St_Johns")]
    [InlineData("Asia/Kathmandu")]
    public async Task A_timestamp_without_zone_into_a_DateTimeOffset_member_takes_the_offset_System_Text_Json_gives(string timeZone)
    {
        var json = await Payload(PrimitivesWith("at", "timestamp '2024-05-06 07:08:09'"), $"SET TIME ZONE '{timeZone}';");

        var value = ReadsAsSystemTextJson(json, Generated);

        Assert.Equal(JsonSerializer.Deserialize<Primitives>(json, SnakeCase)!.At.Offset, value.At.Offset);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9), value.At.DateTime);
    }

    [Theory]
    // Numbers: beyond 2^53, beyond long, exponents, fractions, negative zero, many digits.
    [InlineData("int", "2147483647", null)]
    [InlineData("int", "2147483648::bigint", "$.int")]
    [InlineData("int", "-2147483649::bigint", "$.int")]
    [InlineData("int", "'1e3'::json", "$.int")]
    [InlineData("int", "1e3::numeric", null)]
    [InlineData("int", "'1.0'::json", "$.int")]
    [InlineData("int", "1.0::numeric", "$.int")]
    [InlineData("int", "'-0'::json", null)]
    [InlineData("int", "'42'::text", "$.int")]
    [InlineData("byte", "256", "$.byte")]
    [InlineData("byte", "-1", "$.byte")]
    [InlineData("s_byte", "-129", "$.s_byte")]
    [InlineData("short", "32768", "$.short")]
    [InlineData("u_short", "-1", "$.u_short")]
    [InlineData("u_int", "4294967296", "$.u_int")]
    [InlineData("long", "9007199254740993::bigint", null)]
    [InlineData("long", "9223372036854775807::bigint", null)]
    [InlineData("long", "9223372036854775808::numeric", "$.long")]
    [InlineData("long", "-9223372036854775809::numeric", "$.long")]
    [InlineData("long", "'9.007199254740993e15'::json", "$.long")]
    [InlineData("u_long", "18446744073709551615::numeric", null)]
    [InlineData("u_long", "18446744073709551616::numeric", "$.u_long")]
    [InlineData("u_long", "-1", "$.u_long")]
    [InlineData("u_long", "'-0'::json", "$.u_long")]
    [InlineData("u_int", "'-0'::json", "$.u_int")]
    [InlineData("byte", "'-0'::json", "$.byte")]
    [InlineData("double", "9007199254740993::numeric", null)]
    [InlineData("double", "9223372036854775808::numeric", null)]
    [InlineData("double", "0.1000000000000000055511151231257827021181583404541015625::numeric", null)]
    [InlineData("double", "'-0'::float8", null)]
    [InlineData("double", "'1e-400'::json", null)]
    [InlineData("double", "'NaN'::float8", "$.double")]
    [InlineData("double", "'Infinity'::float8", "$.double")]
    [InlineData("double", "'NaN'::numeric", "$.double")]
    [InlineData("float", "3.4028235e38::real", null)]
    [InlineData("float", "'-Infinity'::real", "$.float")]
    [InlineData("float", "16777217::bigint", null)]
    [InlineData("decimal", "79228162514264337593543950335::numeric", null)]
    [InlineData("decimal", "79228162514264337593543950336::numeric", "$.decimal")]
    [InlineData("decimal", "-79228162514264337593543950335::numeric", null)]
    [InlineData("decimal", "0.1234567890123456789012345678901234567890::numeric", null)]
    [InlineData("decimal", "1.50::numeric", null)]
    [InlineData("decimal", "1e3::numeric", null)]
    [InlineData("decimal", "'1e3'::json", null)]
    [InlineData("decimal", "'1E-30'::json", null)]
    [InlineData("decimal", "'-0'::json", null)]
    [InlineData("decimal", "'-0.00'::json", null)]
    [InlineData("decimal", "1e-30::numeric", null)]
    [InlineData("decimal", "'NaN'::numeric", "$.decimal")]
    [InlineData("huge", "170141183460469231731687303715884105727::numeric", null)]
    [InlineData("huge", "-170141183460469231731687303715884105728::numeric", null)]
    [InlineData("huge", "170141183460469231731687303715884105728::numeric", "$.huge")]
    [InlineData("huge", "'1e3'::json", "$.huge")]
    [InlineData("huge", "'-0'::json", null)]
    [InlineData("huge", "'1.0'::json", "$.huge")]
    [InlineData("maybe_huge", "340282366920938463463374607431768211455::numeric", null)]
    [InlineData("maybe_huge", "340282366920938463463374607431768211456::numeric", "$.maybe_huge")]
    [InlineData("maybe_huge", "-1", "$.maybe_huge")]
    [InlineData("maybe_int", "'1e3'::json", "$.maybe_int")]
    [InlineData("maybe_double", "'NaN'::float8", "$.maybe_double")]
    // Enums as numbers.
    [InlineData("color", "5", null)]
    [InlineData("color", "'Blue'::text", "$.color")]
    [InlineData("color", "2147483648::bigint", "$.color")]
    [InlineData("size", "256", "$.size")]
    [InlineData("size", "5", null)]
    [InlineData("maybe_color", "'-0'::json", null)]
    // Strings: escapes, non-BMP characters, NUL (json keeps \u0000 as written), one-character strings.
    [InlineData("text", "E'\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\\u2028\\u2029 é 😀 𝄞'", null)]
    [InlineData("text", """'"\ud83d\ude00 \u0000 \/ \u00e9 \uD834\uDD1E"'::json""", null)]
    [InlineData("maybe_text", """'"a\u0000b"'::json""", null)]
    [InlineData("letter", "'é'", null)]
    [InlineData("letter", """'"\u00e9"'::json""", null)]
    [InlineData("letter", """'"\u0000"'::json""", null)]
    [InlineData("letter", "''", "$.letter")]
    [InlineData("letter", "'ab'", "$.letter")]
    [InlineData("letter", "'😀'", "$.letter")]
    [InlineData("letter", "1", "$.letter")]
    [InlineData("flag", "'true'::text", "$.flag")]
    [InlineData("flag", "1", "$.flag")]
    // Guids.
    [InlineData("id", "'7D3F0C55-3F5E-4A4E-9B55-2A0CFB1F4C61'::text", null)]
    [InlineData("id", "'{7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61}'::text", "$.id")]
    [InlineData("id", "'7d3f0c553f5e4a4e9b552a0cfb1f4c61'::text", "$.id")]
    [InlineData("maybe_id", "'7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61'::uuid", null)]
    // Dates, times and intervals as PostgreSQL writes them.
    [InlineData("when", "timestamp '0001-01-01 00:00:00'", null)]
    [InlineData("when", "timestamp '9999-12-31 23:59:59.999999'", null)]
    [InlineData("when", "timestamp 'infinity'", "$.when")]
    [InlineData("when", "timestamp '0044-03-15 BC'", "$.when")]
    [InlineData("when", "timestamp '10000-01-01'", "$.when")]
    [InlineData("when", "(timestamp '2024-05-06 07:08:09')::text", "$.when")]
    [InlineData("at", "timestamptz '2024-05-06 07:08:09.123456+00'", null)]
    [InlineData("at", "timestamptz '-infinity'", "$.at")]
    [InlineData("at", "(timestamptz '2024-05-06 07:08:09+00')::text", "$.at")]
    [InlineData("maybe_at", "timestamptz '2024-05-06 07:08:09+00'", null)]
    [InlineData("day", "date '0001-01-01'", null)]
    [InlineData("day", "date '9999-12-31'", null)]
    [InlineData("day", "date 'infinity'", "$.day")]
    [InlineData("day", "date '10000-01-01'", "$.day")]
    [InlineData("day", "timestamp '2024-05-06'", "$.day")]
    [InlineData("time", "time '23:59:59.999999'", null)]
    [InlineData("time", "time '00:00:00'", null)]
    [InlineData("time", "time '24:00:00'", "$.time")]
    [InlineData("time", "timetz '07:08:09+02'", "$.time")]
    [InlineData("span", "interval '-02:03:04.5'", null)]
    [InlineData("span", "interval '0'", null)]
    [InlineData("span", "interval '1 day 02:03:04'", "$.span")]
    [InlineData("span", "interval '100 hours'", "$.span")]
    [InlineData("span", "interval '1 mon'", "$.span")]
    public async Task A_value_written_by_SQL_reads_or_fails_as_System_Text_Json_does(string key, string sql, string? failsAt) =>
        SameAsSystemTextJson(await Payload(PrimitivesWith(key, sql)), Generated, failsAt);

    [Theory]
    [InlineData("'\"1\"'")]
    [InlineData("'\"02:03\"'")]
    [InlineData("'\"2:3:4\"'")]
    [InlineData("'\"1.02:03:04\"'")]
    [InlineData("'\"02:03:04.12345678\"'")]
    [InlineData("'\"-0:00:00\"'")]
    [InlineData("'\"+02:03:04\"'")]
    [InlineData("'\"10675199.02:48:05.4775807\"'")]
    [InlineData("'\"10675199.02:48:05.4775808\"'")]
    public async Task A_hand_written_time_span_reads_or_fails_as_System_Text_Json_does(string json) =>
        Outcome(await Payload(PrimitivesWith("span", json + "::json")), "$.span");

    [Theory]
    [InlineData("'\"07:08\"'")]
    [InlineData("'\"7:08:09\"'")]
    [InlineData("'\"07:08:09.12345678\"'")]
    [InlineData("'\"1.07:08:09\"'")]
    [InlineData("'\"-07:08:09\"'")]
    public async Task A_hand_written_time_of_day_reads_or_fails_as_System_Text_Json_does(string json) =>
        Outcome(await Payload(PrimitivesWith("time", json + "::json")), "$.time");

    [Theory]
    [InlineData("span", "'\" 02:03:04\"'")]
    [InlineData("span", "'\"02:03:04 \"'")]
    [InlineData("time", "'\" 07:08:09\"'")]
    [InlineData("time", "'\"07:08:09 \"'")]
    [InlineData("span", "'\"\\t02:03:04\"'")]
    public async Task A_time_with_white_space_fails_as_System_Text_Json_fails(string key, string json) =>
        FailsAsSystemTextJson(await Payload(PrimitivesWith(key, json + "::json")), Generated, "$." + key);

    // A difference on purpose (generator README): System.Text.Json reads 1e309 as Infinity, which
    // it then cannot write back; the generated reader fails the job at once, naming the member.
    [Theory]
    [InlineData("double", "1e309::numeric", "a Double")]
    [InlineData("double", "'-1e400'::json", "a Double")]
    [InlineData("float", "1e39::float8", "a Single")]
    [InlineData("maybe_double", "1e309::numeric", "a Double")]
    public async Task A_number_beyond_the_floating_point_range_fails_at_its_path(string key, string sql, string type)
    {
        var json = await Payload(PrimitivesWith(key, sql));
        var expected = JsonSerializer.Deserialize<Primitives>(json, SnakeCase)!;
        Assert.False(double.IsFinite(expected.Double) && float.IsFinite(expected.Float) && double.IsFinite(expected.MaybeDouble ?? 0));

        var error = Assert.Throws<JobPayloadException>(() => Generated(json));

        Assert.Contains($"'$.{key}' must be {type}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_zero_for_a_UInt128_member_reads_as_System_Text_Json_reads_it() =>
        Assert.Equal((UInt128?)0, ReadsAsSystemTextJson(await Payload(PrimitivesWith("maybe_huge", "'-0'::json")), Generated).MaybeHuge);

    [Theory]
    [InlineData("'\"2024-5-6\"'")]
    [InlineData("'\" 2024-05-06\"'")]
    [InlineData("'\"2024-05-06 \"'")]
    [InlineData("'\"20240506\"'")]
    public async Task A_hand_written_date_reads_or_fails_as_System_Text_Json_does(string json) =>
        Outcome(await Payload(PrimitivesWith("day", json + "::json")), "$.day");

    /// <summary>Whatever System.Text.Json does with these bytes, the generated reader does too.</summary>
    private static void Outcome(byte[] json, string path)
    {
        bool reads;
        try
        {
            JsonSerializer.Deserialize<Primitives>(json, SnakeCase);
            reads = true;
        }
        catch (JsonException)
        {
            reads = false;
        }
        SameAsSystemTextJson(json, Generated, reads ? null : path);
    }

    [Theory]
    [InlineData("America/St_Johns", "1900-01-01 00:00:00")]
    [InlineData("Europe/Amsterdam", "1930-01-01 00:00:00")]
    public async Task A_historical_offset_with_seconds_fails_as_System_Text_Json_fails(string timeZone, string local)
    {
        var json = await Payload(PrimitivesWith("at", $"timestamptz '{local}'"), $"SET TIME ZONE '{timeZone}';");
        Assert.Matches("\"at\" : \"[^\"]*[+-]\\d\\d:\\d\\d:\\d\\d\"", Encoding.UTF8.GetString(json));

        FailsAsSystemTextJson(json, Generated, "$.at");
    }

    [Fact]
    public async Task An_ISO_8601_interval_style_fails_as_System_Text_Json_fails() =>
        FailsAsSystemTextJson(await Payload(PrimitivesWith("span", "interval '02:03:04'"), "SET intervalstyle = 'iso_8601';"), Generated, "$.span");

    [Theory]
    [InlineData("ISO, MDY", "UTC")]
    [InlineData("SQL, DMY", "America/St_Johns")]
    [InlineData("German", "Asia/Kathmandu")]
    public async Task The_session_date_style_does_not_change_what_json_writes(string dateStyle, string timeZone)
    {
        var json = await Row("row_to_json", "ordinary", timeZone);
        var styled = await Payload(
            "(SELECT row_to_json(p) FROM public.pg_primitives p WHERE row_name = 'ordinary')",
            $"SET datestyle = '{dateStyle}'; SET TIME ZONE '{timeZone}';");

        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(styled));
        ReadsAsSystemTextJson(styled, Generated);
    }

    [Fact]
    public async Task Columns_as_text_the_way_trigger_helpers_send_them_fail_at_the_first_non_string_member() =>
        // json_build_object of every column cast to text, as app_jobs.json_build_object_apply builds it.
        FailsAsSystemTextJson(
            await Payload("(SELECT json_object_agg(key, value) FROM public.pg_primitives p, json_each_text(row_to_json(p)) WHERE row_name = 'ordinary' AND key <> 'row_name')", PrimitivesTable),
            Generated,
            "$.flag");

    [Fact]
    public async Task A_duplicate_key_written_by_json_build_object_reads_as_System_Text_Json_reads_it()
    {
        var json = await Payload(PrimitivesAnd("'int', 99, 'text', 'second', 'maybe_int', 7, 'maybe_int', NULL::int"));
        Assert.Contains("\"int\" : 4", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Contains("\"int\" : 99", Encoding.UTF8.GetString(json), StringComparison.Ordinal);

        var value = ReadsAsSystemTextJson(json, Generated);

        Assert.Equal((99, "second", (int?)null), (value.Int, value.Text, value.MaybeInt));
    }

    [Fact]
    public async Task A_duplicate_key_with_a_bad_value_fails_even_when_a_later_one_is_good() =>
        FailsAsSystemTextJson(await Payload(PrimitivesWith("int", "10000000000")[..^1] + ", 'int', 4)"), Generated, "$.int");

    [Fact]
    public async Task Jsonb_keeps_the_last_duplicate_and_reorders_keys_and_still_reads_as_System_Text_Json_reads_it()
    {
        var json = await Payload(PrimitivesAnd("'int', 99").Replace("json_build_object(", "jsonb_build_object(", StringComparison.Ordinal));
        var text = Encoding.UTF8.GetString(json);
        Assert.StartsWith("{\"at\": ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"int\": 4,", text, StringComparison.Ordinal);

        Assert.Equal(99, ReadsAsSystemTextJson(json, Generated).Int);
    }

    [Theory]
    [InlineData("'1e3'", "1000")]
    [InlineData("'1.0'", "1.0")]
    [InlineData("'-0'", "0")]
    [InlineData("'9007199254740993'", "9007199254740993")]
    [InlineData("'1E+2'", "100")]
    public async Task Jsonb_normalizes_numbers_and_the_result_reads_as_System_Text_Json_reads_it(string literal, string normalized)
    {
        var json = await Payload(PrimitivesWith("decimal", literal + "::jsonb").Replace("json_build_object(", "jsonb_build_object(", StringComparison.Ordinal));
        Assert.Contains($"\"decimal\": {normalized},", Encoding.UTF8.GetString(json), StringComparison.Ordinal);

        ReadsAsSystemTextJson(json, Generated);
    }

    [Fact]
    public async Task Jsonb_turns_an_exponent_into_an_integer_that_an_int_member_then_reads() =>
        Assert.Equal(1000, ReadsAsSystemTextJson(await Payload(PrimitivesWith("int", "'1e3'::jsonb").Replace("json_build_object(", "jsonb_build_object(", StringComparison.Ordinal)), Generated).Int);

    [Fact]
    public async Task A_jsonb_column_of_a_row_reads_as_System_Text_Json_reads_it() =>
        ReadsAsSystemTextJson(
            await Payload("(SELECT row_to_json(r) FROM (SELECT 'o'::text AS owner, '[\"a\",\"b\"]'::jsonb AS labels, '{\"nested\":[1,2]}'::jsonb AS extra, 5 AS ttl_sec, 9 AS version) r)"),
            json => JobsEndToEndTestsJobPayloads.DeserializeSettings(json));

    [Theory]
    [InlineData("json_build_object('owner', 'o', 'Owner', 'x', 'OWNER', 'y', 'ttlSec', 1, 'TimeToLive', 2, 'time_to_live', 3, 'double_retries', 100)")]
    [InlineData("json_build_object('owner', 'o', 'ttl_sec', 1, 'ttl_sec', 2, 'retries', 5, 'retries', 6, 'labels', json_build_array('a'), 'labels', json_build_array())")]
    [InlineData("json_build_object('owner', 'o', 'owner', 'p', 'name', 'n', 'note', NULL::text, 'version', 9223372036854775807)")]
    [InlineData("""'{"owner":"o","na\u00efve <\u00e9>":"escaped key","n\u0061me":"escaped name"}'::json""")]
    [InlineData("json_build_object('owner', 'o', 'naïve <é>', 'raw key', 'fancy', 'by member name')")]
    [InlineData("jsonb_build_object('owner', 'o', 'secret', 's', 'labels', jsonb_build_array('z', 'a'), 'retries', 1, 'retries', 2)")]
    public async Task Keys_as_SQL_writes_them_read_as_System_Text_Json_reads_them(string sql)
    {
        var json = await Payload(sql);
        var value = ReadsAsSystemTextJson(json, bytes => JobsEndToEndTestsJobPayloads.DeserializeSettings(bytes));

        var reference = JsonSerializer.Deserialize<Settings>(json, SnakeCase)!;
        Assert.Equal((reference.Secret, reference.Retries, reference.Name), (value.Secret, value.Retries, value.Name));
    }

    [Fact]
    public async Task A_missing_required_member_differs_on_purpose_the_generated_reader_names_it()
    {
        var json = await Payload("json_build_object('name', 'n')");

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Settings>(json, SnakeCase));
        Assert.Equal("The payload has no value for the required property '$.owner'.",
            Assert.Throws<JobPayloadException>(() => JobsEndToEndTestsJobPayloads.DeserializeSettings(json)).Message);
    }

    [Fact]
    public async Task A_NULL_column_for_a_non_nullable_string_differs_on_purpose_the_generated_reader_names_it()
    {
        var json = await Payload(PrimitivesWith("text", "NULL::text"));

        Assert.Null(JsonSerializer.Deserialize<Primitives>(json, SnakeCase)!.Text);
        Assert.Contains("'$.text' is null", Assert.Throws<JobPayloadException>(() => Generated(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_NULL_column_for_a_non_nullable_number_fails_as_System_Text_Json_fails() =>
        FailsAsSystemTextJson(await Payload(PrimitivesWith("int", "NULL::int")), Generated, "$.int");

    private const string AddressesTable = """
        CREATE TABLE IF NOT EXISTS public.pg_addresses (id int PRIMARY KEY, street text, city text, zip text);
        INSERT INTO public.pg_addresses VALUES (1, 'Water St', E'St. John\'s', 'A1C'), (2, E'\u00e9 😀 "q"', 'Kathmandu', NULL)
        ON CONFLICT (id) DO NOTHING;
        CREATE TABLE IF NOT EXISTS public.pg_blobs (id int PRIMARY KEY, data bytea);
        INSERT INTO public.pg_blobs VALUES (1, '\x0001feff'), (2, decode(repeat('00ff7f80', 40), 'hex')), (3, '')
        ON CONFLICT (id) DO NOTHING;
        """;

    private static string CollectionsSql(string blob = "(SELECT encode(data, 'base64') FROM public.pg_blobs WHERE id = 1)", string numbers = "ARRAY[1, 2, 2147483647]", string sparse = "ARRAY[1, NULL, 3]") => $"""
        json_build_object(
          'numbers', {numbers},
          'tags', ARRAY['a', E'b\n', '😀'],
          'addresses', (SELECT json_agg(a ORDER BY id) FROM (SELECT id, street, city, zip FROM public.pg_addresses) a),
          'scores', ARRAY[0.1::float8, 1e300, '-0', 9007199254740993],
          'counts', (SELECT json_object_agg(city, id) FROM public.pg_addresses),
          'places', jsonb_build_object('home', (SELECT to_jsonb(a) FROM public.pg_addresses a WHERE id = 1), 'none', NULL),
          'home', (SELECT row_to_json(a) FROM public.pg_addresses a WHERE id = 2),
          'work', NULL::json,
          'sparse', {sparse},
          'optional', ARRAY['x', NULL],
          'blob', {blob},
          'nested', ARRAY[ARRAY['a', 'b'], ARRAY['c', 'd']])
        """;

    private Task<byte[]> Collections(string sql) => Payload(sql, AddressesTable);

    private static Collections GeneratedCollections(byte[] json) => JobsEndToEndTestsJobPayloads.DeserializeCollections(json);

    [Fact]
    public async Task Arrays_json_agg_json_object_agg_and_jsonb_read_as_System_Text_Json_reads_them() =>
        ReadsAsSystemTextJson(await Collections(CollectionsSql()), GeneratedCollections);

    [Theory]
    [InlineData("(SELECT encode(data, 'base64') FROM public.pg_blobs WHERE id = 2)", null)]
    [InlineData("(SELECT encode(data, 'base64') FROM public.pg_blobs WHERE id = 3)", null)]
    [InlineData("(SELECT data FROM public.pg_blobs WHERE id = 1)", "$.blob")]
    [InlineData("(SELECT encode(data, 'hex') FROM public.pg_blobs WHERE id = 1)", null)]
    public async Task A_bytea_column_reads_or_fails_as_System_Text_Json_does(string blob, string? failsAt)
    {
        var json = await Collections(CollectionsSql(blob));
        if (blob.Contains("id = 2", StringComparison.Ordinal))
        {
            // encode(…, 'base64') breaks lines every 76 characters; json writes them as \n.
            Assert.Contains("\\n", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        }
        SameAsSystemTextJson(json, GeneratedCollections, failsAt);
    }

    [Fact]
    public async Task A_NULL_bytea_for_a_non_nullable_byte_array_differs_on_purpose_the_generated_reader_names_it()
    {
        var json = await Collections(CollectionsSql("NULL::bytea"));

        Assert.Null(JsonSerializer.Deserialize<Collections>(json, SnakeCase)!.Blob);
        Assert.Contains("'$.blob' is null", Assert.Throws<JobPayloadException>(() => GeneratedCollections(json)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ARRAY[1, NULL]", "$.numbers[1]")]
    [InlineData("ARRAY[1, 2147483648]", "$.numbers[1]")]
    [InlineData("ARRAY[[1, 2], [3, 4]]", "$.numbers[0]")]
    [InlineData("'{}'::int[]", null)]
    [InlineData("'[1,2,3]'::jsonb", null)]
    [InlineData("(SELECT json_agg(x) FROM generate_series(1, 1000) x)", null)]
    public async Task An_array_column_reads_or_fails_as_System_Text_Json_does(string numbers, string? failsAt) =>
        SameAsSystemTextJson(await Collections(CollectionsSql(numbers: numbers)), GeneratedCollections, failsAt);

    [Fact]
    public async Task A_NULL_address_inside_json_agg_fails_as_System_Text_Json_fails_or_reads_null()
    {
        var json = await Collections(CollectionsSql().Replace(
            "(SELECT json_agg(a ORDER BY id) FROM (SELECT id, street, city, zip FROM public.pg_addresses) a)",
            "json_build_array(NULL, json_build_object('street', 's', 'city', 'c'))",
            StringComparison.Ordinal));

        // System.Text.Json puts null in the list and leaves zip null; the generated reader refuses the null element (on purpose).
        var reference = JsonSerializer.Deserialize<Collections>(json, SnakeCase)!;
        Assert.Null(reference.Addresses[0]);
        Assert.Contains("'$.addresses[0]' is null", Assert.Throws<JobPayloadException>(() => GeneratedCollections(json)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/St_Johns")]
    [InlineData("Asia/Kathmandu")]
    public async Task An_email_built_by_SQL_in_a_non_UTC_session_reads_as_System_Text_Json_reads_it(string timeZone)
    {
        var json = await Payload("""
            json_build_object('to', 'a@b.c', 'subject', E'\u00e9 😀', 'body', E'line\nline', 'template_id', gen_random_uuid(),
              'send_at', timestamptz '2024-11-03 01:30:00-02:30', 'cc', json_build_array(), 'reply_address',
              json_build_object('street', 's', 'city', 'c', 'zip', NULL), 'priority', 9007199254740993 - 9007199254740000)
            """, $"SET TIME ZONE '{timeZone}';");

        var value = ReadsAsSystemTextJson(json, bytes => JobsEndToEndTestsJobPayloads.DeserializeEmailArgs(bytes));

        Assert.Equal(new DateTimeOffset(2024, 11, 3, 4, 0, 0, TimeSpan.Zero), value.SendAt.ToUniversalTime());
        Assert.Equal(993, value.Priority);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(32)]
    [InlineData(40)]
    [InlineData(1_000)]
    public async Task A_deep_tree_built_by_SQL_reads_past_System_Text_Json_default_depth_as_it_reads_with_the_limit_raised(int depth)
    {
        var json = await Payload(DeepTreeSql(depth));

        // System.Text.Json's default of 64 levels refuses a tree of 32 (two levels each: object and
        // array); the worker's reader goes to 10,000, nearer what PostgreSQL's json accepts.
        if (2 * depth + 1 > 64)
        {
            Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<TreeNode>(json, SnakeCase));
        }
        var expected = JsonSerializer.Deserialize<TreeNode>(json, new JsonSerializerOptions(SnakeCase) { MaxDepth = 10_000 })!;
        var actual = JobsEndToEndTestsJobPayloads.DeserializeTreeNode(json);
        // Compared by walking down (System.Text.Json cannot write a tree this deep back for SameValue).
        for (var level = 0; level <= depth; level++)
        {
            Assert.Equal((expected.Label, expected.Position, expected.Children.Count), (actual.Label, actual.Position, actual.Children.Count));
            if (level < depth)
            {
                (expected, actual) = (expected.Children[0], actual.Children[0]);
            }
        }
        Assert.Equal(("leaf", new Point(1, 2)), (actual.Label, actual.Position));
    }

    [Fact]
    public async Task A_tree_deeper_than_the_readers_limit_fails_the_job_with_a_payload_error()
    {
        var json = await Payload(DeepTreeSql(5_001)); // 10,003 levels

        var error = Assert.Throws<JobPayloadException>(() => JobsEndToEndTestsJobPayloads.DeserializeTreeNode(json));

        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static string DeepTreeSql(int depth)
    {
        var leaf = "'{\"label\":\"leaf\",\"children\":[],\"position\":{\"x\":1,\"y\":2}}'";
        return $"repeat('{{\"label\":\"n\",\"position\":{{\"x\":0,\"y\":0}},\"children\":[', {depth}) || {leaf} || repeat(']}}', {depth})";
    }

    [Theory]
    [InlineData("json_build_object('event_id', gen_random_uuid(), 'new_name', 'n')")]
    [InlineData("json_build_object('event_id', gen_random_uuid(), 'new_name', 'n', 'revision', 9007199254740993 % 1000, 'occurred_at', now())")]
    [InlineData("jsonb_build_object('occurred_at', timestamptz '2024-05-06 07:08:09.999999+05:45', 'revision', 2, 'new_name', 'n', 'event_id', gen_random_uuid(), 'eventId', 'x')")]
    public async Task A_derived_record_built_by_SQL_reads_as_System_Text_Json_reads_it(string sql) =>
        ReadsAsSystemTextJson(await Payload(sql, "SET TIME ZONE 'America/St_Johns';"), bytes => JobsEndToEndTestsJobPayloads.DeserializeUserRenamed(bytes));
}
