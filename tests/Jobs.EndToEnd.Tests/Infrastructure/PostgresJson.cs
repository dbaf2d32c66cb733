using System.Text;
using System.Text.Json;
using Npgsql;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;

namespace Jobs.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Payloads as PostgreSQL writes them: each SQL expression goes through <c>app_jobs.add_job</c>
/// and comes back as the text stored in <c>app_jobs.jobs.payload</c> (a <c>json</c> column, so
/// exactly as written), then the generated reader is judged against System.Text.Json.
/// </summary>
public static class PostgresJson
{
    public static readonly Guid DatabaseId = Guid.Parse("0f7a3c5e-2b1d-4e8f-9a6b-c4d2e1f0a987");

    /// <summary>
    /// A table whose columns are named as <see cref="Payloads.Primitives"/>' members are written
    /// (snake_case), each of the PostgreSQL type a database would naturally give it.
    /// </summary>
    public const string PrimitivesTable = """
        CREATE TABLE IF NOT EXISTS public.pg_primitives (
          row_name text PRIMARY KEY,
          flag boolean, byte smallint, s_byte smallint, short smallint, u_short integer, "int" integer, u_int bigint,
          "long" bigint, u_long numeric(20, 0), "float" real, "double" double precision, "decimal" numeric, text text,
          maybe_text text, letter char(1), color integer, size smallint, id uuid, "when" timestamp without time zone,
          at timestamptz, day date, "time" time, span interval, maybe_int integer, maybe_id uuid, maybe_color integer,
          maybe_at timestamptz, maybe_double double precision, huge numeric(39, 0), maybe_huge numeric(39, 0));
        INSERT INTO public.pg_primitives VALUES
          ('extremes', true, 255, -128, -32768, 65535, -2147483648, 4294967295, 9223372036854775807, 18446744073709551615,
           3.4028235e38, 1.7976931348623157e308, 79228162514264337593543950335, E'quote " backslash \\ newline \n tab \t nul-free \u0001 é 😀 \u2028',
           NULL, 'é', 10, 200, '7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61', '2024-02-29 23:59:59.999999', '2024-05-06 07:08:09.123456+00', '0001-01-01',
           '23:59:59.999999', '-10 hours', NULL, NULL, NULL, NULL, NULL,
           170141183460469231731687303715884105727, 340282366920938463463374607431768211455),
          ('ordinary', false, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.1, 0.1, 'text', 'maybe', 'x', 1, 1, '00000000-0000-0000-0000-000000000000',
           '2024-01-06 07:08:09', '2024-01-06 07:08:09+00', '2024-05-06', '07:08:09', '02:03:04.5', 42, '7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61', 10,
           '2024-01-06 07:08:09.5+05:45', '-0', -170141183460469231731687303715884105728, 0)
        ON CONFLICT (row_name) DO NOTHING;
        """;

    /// <summary>Each member of <see cref="Payloads.Primitives"/> as a json_build_object argument pair, with ordinary values.</summary>
    public static readonly (string Key, string Sql)[] PrimitivesMembers =
    [
        ("flag", "true"), ("byte", "1"), ("s_byte", "-1"), ("short", "2"), ("u_short", "3"), ("int", "4"), ("u_int", "5"), ("long", "6"),
        ("u_long", "7"), ("float", "0.5::real"), ("double", "0.25::float8"), ("decimal", "1.5::numeric"), ("text", "'t'"), ("maybe_text", "NULL::text"),
        ("letter", "'x'"), ("color", "10"), ("size", "200"), ("id", "'7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61'::uuid"),
        ("when", "timestamp '2024-05-06 07:08:09'"), ("at", "timestamptz '2024-05-06 07:08:09+00'"), ("day", "date '2024-05-06'"),
        ("time", "time '07:08:09'"), ("span", "interval '02:03:04'"), ("maybe_int", "NULL::int"), ("maybe_id", "NULL::uuid"),
        ("maybe_color", "NULL::int"), ("maybe_at", "NULL::timestamptz"), ("maybe_double", "NULL::float8"), ("huge", "0"), ("maybe_huge", "NULL::numeric"),
    ];

    /// <summary>A json_build_object of every Primitives member, <paramref name="key"/>'s value replaced by <paramref name="sql"/>.</summary>
    public static string PrimitivesWith(string key, string sql)
    {
        Assert.Contains(PrimitivesMembers, member => member.Key == key);
        return "json_build_object(" + string.Join(", ", PrimitivesMembers.Select(m => $"'{m.Key}', {(m.Key == key ? sql : m.Sql)}")) + ")";
    }

    /// <summary>Every Primitives member with ordinary values, then the extra <paramref name="pairs"/> (a duplicate key, an unknown one).</summary>
    public static string PrimitivesAnd(string pairs) =>
        "json_build_object(" + string.Join(", ", PrimitivesMembers.Select(m => $"'{m.Key}', {m.Sql}")) + ", " + pairs + ")";

    /// <summary>
    /// Enqueues <paramref name="payloadSql"/> (any SQL expression castable to json) through
    /// add_job after the optional <paramref name="setup"/> statements on the same session, and
    /// returns the stored payload's UTF-8 bytes.
    /// </summary>
    public static async Task<byte[]> PayloadAsync(string connectionString, string payloadSql, string? setup = null) =>
        (await EnqueueAsync(connectionString, "pg_json_probe", payloadSql, setup, DateTimeOffset.UtcNow.AddYears(10))).Payload;

    /// <summary>As <see cref="PayloadAsync"/>, for the task <paramref name="identifier"/> to run at <paramref name="runAt"/> (now when null) with five attempts: the job's id and stored payload.</summary>
    public static async Task<(long Id, byte[] Payload)> EnqueueAsync(string connectionString, string identifier, string payloadSql, string? setup = null, DateTimeOffset? runAt = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (setup is not null)
        {
            await using var prepare = new NpgsqlCommand(setup, connection);
            await prepare.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand(
            $"SELECT id, payload::text FROM app_jobs.add_job(db_id => $1, identifier => $2, payload => ({payloadSql})::json, run_at => coalesce($3, now()), max_attempts => 5)", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = DatabaseId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = identifier });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = runAt, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), Encoding.UTF8.GetBytes(reader.GetString(1)));
    }

    /// <summary>System.Text.Json reads <paramref name="json"/>, and the generated reader gives the same value.</summary>
    public static T ReadsAsSystemTextJson<T>(byte[] json, Func<byte[], T> generated)
    {
        T expected;
        try
        {
            expected = JsonSerializer.Deserialize<T>(json, SnakeCase)!;
        }
        catch (JsonException exception)
        {
            Assert.Fail($"System.Text.Json refused {Encoding.UTF8.GetString(json)}: {exception.Message}");
            throw;
        }
        T actual;
        try
        {
            actual = generated(json);
        }
        catch (JobPayloadException exception)
        {
            Assert.Fail($"The generated reader refused what System.Text.Json reads, {Encoding.UTF8.GetString(json)}: {exception.Message}");
            throw;
        }
        SameValue(expected, actual);
        return actual;
    }

    /// <summary>
    /// System.Text.Json throws at <paramref name="path"/>, and the generated reader throws a
    /// JobPayloadException naming the same path.
    /// </summary>
    public static JobPayloadException FailsAsSystemTextJson<T>(byte[] json, Func<byte[], T> generated, string path)
    {
        var reference = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<T>(json, SnakeCase));
        Assert.Equal(path, reference.Path);
        var exception = Assert.Throws<JobPayloadException>(() => generated(json));
        Assert.Contains($"'{path}'", exception.Message, StringComparison.Ordinal);
        return exception;
    }

    /// <summary>Reads or fails as System.Text.Json does: <paramref name="failsAt"/> null means it reads.</summary>
    public static void SameAsSystemTextJson<T>(byte[] json, Func<byte[], T> generated, string? failsAt)
    {
        if (failsAt is null)
        {
            ReadsAsSystemTextJson(json, generated);
        }
        else
        {
            FailsAsSystemTextJson(json, generated, failsAt);
        }
    }
}
