using System.Text.Json;
using Jobs.EndToEnd.Tests.Handlers;
using Jobs.EndToEnd.Tests.Infrastructure;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;
using static Jobs.EndToEnd.Tests.Infrastructure.PostgresJson;

namespace Jobs.EndToEnd.Tests.Worker;

/// <summary>
/// Jobs enqueued from SQL with payloads PostgreSQL builds, run by the real worker: the handler
/// receives what System.Text.Json reads from the stored bytes, or the job fails permanently at
/// its first attempt with the JSON path in last_error.
/// </summary>
public sealed class PostgresWorkerJsonTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>, IAsyncLifetime
{
    private WorkerHost _host = null!;

    private Received Received => _host.Received;

    public async ValueTask InitializeAsync() => _host = await WorkerHost.StartAsync(database.ConnectionString, DatabaseId);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("row_to_json", "extremes", "America/St_Johns")]
    [InlineData("to_json", "ordinary", "Asia/Kathmandu")]
    [InlineData("row_to_json", "ordinary", "UTC")]
    public async Task A_table_row_enqueued_from_SQL_reaches_the_handler_as_System_Text_Json_reads_it(string function, string row, string timeZone)
    {
        var (id, payload) = await EnqueueAsync(database.ConnectionString, "e2e_primitives",
            $"(SELECT {function}(p) FROM public.pg_primitives p WHERE row_name = '{row}')", $"{PrimitivesTable} SET TIME ZONE '{timeZone}';");

        var received = await Received.ForJobAsync<Primitives>(id);
        var expected = JsonSerializer.Deserialize<Primitives>(payload, SnakeCase)!;

        SameValue(expected, received);
        Assert.Equal((expected.When.Kind, expected.At.Offset), (received.When.Kind, received.At.Offset));
    }

    [Fact]
    public async Task A_record_built_by_jsonb_build_object_in_a_half_hour_zone_reaches_the_handler()
    {
        var (id, payload) = await EnqueueAsync(database.ConnectionString, "e2e_user_renamed", """
            jsonb_build_object('occurred_at', timestamptz '2024-05-06 07:08:09.999999+00', 'revision', 9007199254740993 % 1000,
              'new_name', E'\u00e9 "😀"\n', 'event_id', '7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61'::uuid, 'unknown', jsonb_build_array(1e400, NULL))
            """, "SET TIME ZONE 'America/St_Johns';");

        var received = await Received.ForJobAsync<UserRenamed>(id);

        Assert.Equal(JsonSerializer.Deserialize<UserRenamed>(payload, SnakeCase), received);
        Assert.Equal(TimeSpan.FromHours(-2.5), received.OccurredAt.Offset);
        Assert.Equal((993, "é \"😀\"\n"), (received.Revision, received.NewName));
    }

    [Fact]
    public async Task Aggregates_and_arrays_enqueued_from_SQL_reach_the_handler()
    {
        var (id, payload) = await EnqueueAsync(database.ConnectionString, "e2e_collections", """
            json_build_object(
              'numbers', ARRAY[1, 2147483647], 'tags', ARRAY['a', '😀'],
              'addresses', (SELECT json_agg(json_build_object('street', 'no. ' || s, 'city', 'c', 'zip', NULL)) FROM generate_series(1, 3) s),
              'scores', ARRAY[0.1::float8, 9007199254740993], 'counts', (SELECT json_object_agg('k' || x, x) FROM generate_series(1, 3) x),
              'places', json_build_object('none', NULL), 'home', json_build_object('street', 's', 'city', 'c', 'zip', 'z'), 'work', NULL::json,
              'sparse', ARRAY[NULL, 1], 'optional', NULL::text[], 'blob', encode(decode(repeat('ff00', 50), 'hex'), 'base64'),
              'nested', ARRAY[ARRAY['a'], ARRAY['b']])
            """);

        SameValue(JsonSerializer.Deserialize<Collections>(payload, SnakeCase), await Received.ForJobAsync<Collections>(id));
    }

    [Theory]
    [InlineData("int", "2147483648::bigint", "The payload's property '$.int' must be an Int32")]
    [InlineData("long", "9223372036854775808::numeric", "The payload's property '$.long' must be an Int64")]
    [InlineData("at", "timestamptz '1900-01-01 00:00:00'", "The payload's property '$.at' must be an ISO 8601 date, time and offset")]
    [InlineData("span", "interval '1 day 02:03:04'", "The payload's property '$.span' must be a time span")]
    [InlineData("letter", "'😀'", "The payload's property '$.letter' must be a string of one character")]
    [InlineData("double", "'NaN'::float8", "The payload's property '$.double' must be a Double, but it is a string.")]
    public async Task A_value_System_Text_Json_refuses_fails_the_job_permanently_with_its_path(string key, string sql, string error)
    {
        var (id, payload) = await EnqueueAsync(database.ConnectionString, "e2e_primitives", PrimitivesWith(key, sql), "SET TIME ZONE 'America/St_Johns';");
        Assert.Equal("$." + key, Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Primitives>(payload, SnakeCase)).Path);

        var admin = _host.Services.GetRequiredService<JobsAdmin>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await admin.GetAsync(id))?.State == JobState.PermanentlyFailed, "the job to fail permanently");

        var job = (await admin.GetAsync(id))!;
        // Permanent at the first attempt: a retry would wait e^1 seconds and more before the next.
        Assert.Equal((5, 5), (job.Attempts, job.MaxAttempts));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"failed after {started.Elapsed}");
        Assert.StartsWith("Jobs.JobPayloadException: " + error, job.LastError, StringComparison.Ordinal);
    }
}
