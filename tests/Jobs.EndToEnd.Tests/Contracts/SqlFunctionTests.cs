using System.Numerics;
using System.Text;
using System.Text.Json;
using CsCheck;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.EndToEnd.Tests.Serialization;
using Jobs.Generators.Tests.Infrastructure;
using Jobs.Generated;
using Jobs.Schema;
using Npgsql;
using NpgsqlTypes;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;

namespace Jobs.EndToEnd.Tests.Contracts;

/// <summary>
/// The generated typed SQL enqueue functions on each app_jobs shape: a payload enqueued from SQL
/// reads back equal to the same values enqueued through the generated C# method, with the task's
/// defaults; what the reader would refuse is refused at enqueue, with nothing enqueued.
/// </summary>
public abstract class SqlFunctionTests(ShapeDatabase database) : IAsyncLifetime
{
    private static readonly Guid DatabaseId = Guid.Parse("3f7d2a10-5b1c-4e8f-9a02-6c4d8e1b7f35");
    private static readonly Guid Actor = Guid.Parse("9a0e4c7b-2d3f-4a51-8b6c-1e2f3a4b5c6d");

    private static readonly IReadOnlyList<JobTaskDescriptor> Tasks = new JobsEndToEndTestsJobDispatcher().Tasks;

    // What SQL can carry: text without NUL, times to the microsecond, a DateTime without a kind, an
    // offset of zero (the function writes UTC, which reads back as the same instant at offset 0).
    private static readonly Gen<string> SqlText = PayloadGenerators.Text.Where(s => !s.Contains('\0', StringComparison.Ordinal));
    private static readonly Gen<DateTime> SqlDateTime = Gen.DateTime.Select(d => new DateTime(d.Ticks - d.Ticks % 10, DateTimeKind.Unspecified));
    private static readonly Gen<DateTimeOffset> SqlDateTimeOffset = Gen.DateTimeOffset.Select(d => new DateTimeOffset(d.UtcTicks - d.UtcTicks % 10, TimeSpan.Zero));

    private static readonly Gen<Primitives> SqlPrimitives = Gen.Select(
            Gen.Select(Gen.Bool, Gen.Byte, Gen.SByte, Gen.Short, Gen.UShort, Gen.Int, Gen.UInt, Gen.Long),
            Gen.Select(Gen.ULong, PayloadGenerators.Float, PayloadGenerators.Double, Gen.Decimal, SqlText, SqlText.Null(), PayloadGenerators.Letter.Where(c => c != '\0'), Gen.Enum<Color>()),
            Gen.Select(Gen.Enum<Payloads.Size>(), Gen.Guid, SqlDateTime, SqlDateTimeOffset, Gen.DateOnly, Gen.TimeOnly.Select(t => new TimeOnly(t.Ticks - t.Ticks % 10)), Gen.TimeSpan.Select(t => new TimeSpan(t.Ticks - t.Ticks % 10))),
            Gen.Select(Gen.Int.Nullable(), Gen.Guid.Nullable(), Gen.Enum<Color>().Nullable(), SqlDateTimeOffset.Nullable(), PayloadGenerators.Double.Nullable(), PayloadGenerators.Huge, PayloadGenerators.UHuge.Nullable()))
        .Select((a, b, c, d) => new Primitives(
            a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8,
            b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6, b.Item7, b.Item8,
            c.Item1, c.Item2, c.Item3, c.Item4, c.Item5, c.Item6, c.Item7,
            d.Item1, d.Item2, d.Item3, d.Item4, d.Item5, d.Item6, d.Item7));

    private NpgsqlDataSource _dataSource = null!;
    private JobsClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _dataSource = database.DataSource;
        _client = new JobsClient(_dataSource, new JobsClientOptions { DatabaseId = DatabaseId, Attribution = new JobAttribution { ActorId = Actor } });
        await new JobSqlFunctionInstaller(_dataSource).InstallAsync(Tasks);
    }

    // The data source is the class's: it outlives the test.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Random_payloads_enqueued_through_the_SQL_function_read_back_equal_to_the_same_values_enqueued_from_CSharp()
    {
        var task = Tasks.Single(t => t.Name == "e2e_primitives");
        foreach (var args in SqlPrimitives.Array[40].Single())
        {
            var fromCSharp = await _client.EnqueuePrimitivesAsync(args);
            var fromSql = await EnqueueFromSqlAsync("add_e2e_primitives", PrimitiveParameters(args));

            var expected = (Primitives)task.ReadPayload!(await PayloadAsync(fromCSharp.Id))!;
            var actual = (Primitives)task.ReadPayload!(await PayloadAsync(fromSql))!;
            SameValue(args, expected);
            // Equal as values (record equality): jsonb has no negative zero, so -0.0 from SQL reads as 0.0, which equals it.
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Random_collections_and_nested_objects_pass_the_schema_check_and_read_back_equal()
    {
        var task = Tasks.Single(t => t.Name == "e2e_collections");
        // jsonb refuses the escape \u0000, and text cannot hold NUL: SQL producers cannot send it.
        var sqlCollections = PayloadGenerators.Collections.Where(c => !Encoding.UTF8.GetString(Reference(c)).Contains("\\u0000", StringComparison.Ordinal));
        foreach (var args in sqlCollections.Array[25].Single())
        {
            var written = await _client.EnqueueCollectionsAsync(args);
            using var payload = JsonDocument.Parse(await PayloadAsync(written.Id));
            NpgsqlParameter Member(string name) => Json(payload.RootElement.GetProperty(name).GetRawText());

            var id = await EnqueueFromSqlAsync("add_e2e_collections",
                ("numbers", args.Numbers), ("tags", args.Tags.ToArray()), ("addresses", Member("addresses")), ("scores", Member("scores")),
                ("counts", Member("counts")), ("places", Member("places")), ("home", Member("home")), ("work", Member("work")),
                ("sparse", args.Sparse.ToArray()), ("optional", new NpgsqlParameter { Value = (object?)args.Optional ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }),
                ("blob", args.Blob), ("nested", Member("nested")));

            SameValue(args, (Collections)task.ReadPayload!(await PayloadAsync(id))!);
        }
    }

    [Fact]
    public async Task Collections_and_nested_objects_go_in_as_arrays_and_json_and_the_task_defaults_apply()
    {
        var task = Tasks.Single(t => t.Name == "e2e_send_email");
        var args = new EmailArgs("ann@example.com", "Hi 'there'", "Body with \"quotes\" and ünïcode 😀", Guid.NewGuid(),
            new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.Zero), ["b@example.com", "c@example.com"], new Address("1 Main St", "Springfield", null), 3);

        var fromCSharp = await _client.EnqueueSendEmailAsync(args);
        var fromSql = await EnqueueFromSqlAsync("add_e2e_send_email",
            ("to", args.To), ("subject", args.Subject), ("body", args.Body), ("template_id", args.TemplateId), ("send_at", args.SendAt),
            ("cc", args.Cc.ToArray()), ("reply_address", Json("""{"street":"1 Main St","city":"Springfield","zip":null}""")), ("payload_priority", 3));

        SameValue(args, (EmailArgs)task.ReadPayload!(await PayloadAsync(fromSql))!);
        var (queue, priority, maxAttempts) = await JobSettingsAsync(fromSql);
        Assert.Equal((fromCSharp.QueueName, fromCSharp.Priority, fromCSharp.MaxAttempts), (queue, priority, maxAttempts));
        Assert.Equal(("mail", 7), (queue, maxAttempts));
    }

    [Fact]
    public async Task The_job_parameters_override_the_task_defaults_and_a_job_key_replaces_the_pending_job()
    {
        var runAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var first = await EnqueueFromSqlAsync("add_e2e_move_point", ("x", 1), ("y", 2), ("run_at", runAt), ("job_key", "point-1"), ("queue_name", "points"), ("priority", 5), ("max_attempts", 2));
        var second = await EnqueueFromSqlAsync("add_e2e_move_point", ("x", 3), ("y", 4), ("run_at", runAt), ("job_key", "point-1"), ("queue_name", "points"), ("priority", 5), ("max_attempts", 2));

        Assert.Equal(first, second);
        Assert.Equal(("points", 5, 2), await JobSettingsAsync(second));
        var point = (Point)Tasks.Single(t => t.Name == "e2e_move_point").ReadPayload!(await PayloadAsync(second))!;
        Assert.Equal(new Point(3, 4), point);
    }

    [Fact]
    public async Task A_versioned_payload_is_stamped_with_its_version_as_the_generated_writer_stamps_it()
    {
        var id = await EnqueueFromSqlAsync("add_e2e_parcel", ("destination", new Npgsql.NpgsqlParameter { Value = "{\"street\":\"1 Main St\"}", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Json }), ("weight_grams", 1250));

        var payload = await ScalarAsync<string>("SELECT payload::text FROM app_jobs.jobs WHERE id = $1", id);
        Assert.StartsWith("{\"$version\":3,\"destination\":", payload, StringComparison.Ordinal);
        // Read as version 3 itself (no upcast): the carrier the function left out takes its default.
        Assert.Equal(new ParcelArgs(new ParcelDestination("1 Main St", null), 1250), (ParcelArgs)Tasks.Single(t => t.Name == "e2e_parcel").ReadPayload!(await PayloadAsync(id))!);
    }

    [Fact]
    public async Task A_member_the_reader_does_not_require_may_be_left_out_and_reads_as_its_default()
    {
        // Point is a record struct: System.Text.Json requires none of its constructor's parameters.
        var id = await EnqueueFromSqlAsync("add_e2e_move_point", ("y", 9));

        Assert.Equal("{\"y\":9}", await ScalarAsync<string>("SELECT payload::text FROM app_jobs.jobs WHERE id = $1", id));
        Assert.Equal(new Point(0, 9), (Point)Tasks.Single(t => t.Name == "e2e_move_point").ReadPayload!(await PayloadAsync(id))!);
    }

    [Fact]
    public async Task The_database_id_is_the_one_given_and_without_one_comes_from_the_claims_where_add_job_takes_it_so()
    {
        var other = Guid.Parse("c0ffee00-1234-4abc-8def-0123456789ab");
        await using var connection = await OpenAsync();
        await using (var given = new NpgsqlCommand("SELECT database_id FROM app_jobs.add_e2e_move_point(x => 1, y => 2, db_id => $1)", connection))
        {
            given.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = other });
            Assert.Equal(other, await given.ExecuteScalarAsync());
        }

        await using var omitted = new NpgsqlCommand("SELECT database_id FROM app_jobs.add_e2e_move_point(x => 1, y => 2)", connection);
        if (database.IsUpstream047)
        {
            Assert.Equal(DatabaseId, await omitted.ExecuteScalarAsync()); // jwt.claims.database_id
        }
        else
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => omitted.ExecuteScalarAsync());
            Assert.Equal(("22004", "add_e2e_move_point: db_id must not be null: add_job of schema app_jobs has no default for it"), (error.SqlState, error.MessageText));
        }
    }

    [Fact]
    public async Task The_installed_SQL_matches_its_snapshot()
    {
        var tasks = Tasks.Where(t => t.Name is "e2e_primitives" or "e2e_send_email" or "e2e_feelings" or "e2e_collections");

        var script = await new JobSqlFunctionInstaller(_dataSource).ScriptAsync(tasks);

        Snapshot.MatchAll([("SqlFunctions." + database.GetType().Name.Replace("ShapeDatabase", "", StringComparison.Ordinal) + ".sql", string.Join(";\n\n", script) + ";\n")]);
    }

    [Fact]
    public async Task A_whole_numeric_is_written_without_a_fraction_so_the_reader_takes_it()
    {
        var arguments = ValidArguments("add_e2e_primitives").Select(a => a.Name == "u_long" ? (a.Name, Value: (object?)"7.000", a.Cast) : a).ToArray();

        await CallAsync("add_e2e_primitives", arguments);

        var id = await ScalarAsync<long>("SELECT max(id) FROM app_jobs.jobs");
        Assert.Contains("\"u_long\":7,", await ScalarAsync<string>("SELECT payload::text FROM app_jobs.jobs WHERE id = $1", id), StringComparison.Ordinal);
        Assert.Equal(7UL, ((Primitives)Tasks.Single(t => t.Name == "e2e_primitives").ReadPayload!(await PayloadAsync(id))!).ULong);
    }

    [Fact]
    public async Task Installing_again_replaces_the_functions_with_the_same_ones_and_leaves_one_per_task()
    {
        var installer = new JobSqlFunctionInstaller(_dataSource);

        var again = await installer.InstallAsync(Tasks);

        Assert.Equal(Tasks.Count, again.Functions.Count);
        Assert.Equal(Tasks.Count, again.Replaced);
        Assert.Equal(Tasks.Count, await ScalarAsync<long>(
            "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'app_jobs' AND obj_description(p.oid, 'pg_proc') LIKE 'Jobs: enqueues the task %'"));
        Assert.Contains(again.Functions, f => f.StartsWith("app_jobs.add_e2e_send_email(text,text,text,uuid,timestamp with time zone,text[],json,integer,uuid,", StringComparison.Ordinal));
        Assert.Equal(new Point(5, 6), (Point)Tasks.Single(t => t.Name == "e2e_move_point").ReadPayload!(await PayloadAsync(await EnqueueFromSqlAsync("add_e2e_move_point", ("x", 5), ("y", 6))))!);
    }

    [Fact]
    public async Task A_reinstall_keeps_who_may_run_a_function()
    {
        var producer = "producer_" + Guid.NewGuid().ToString("N")[..10];
        var stranger = "stranger_" + Guid.NewGuid().ToString("N")[..10];
        await ExecuteAsync($"CREATE ROLE {producer}; CREATE ROLE {stranger}; "
            + $"REVOKE EXECUTE ON FUNCTION app_jobs.add_e2e_move_point FROM PUBLIC; GRANT EXECUTE ON FUNCTION app_jobs.add_e2e_move_point TO {producer}");
        try
        {
            await new JobSqlFunctionInstaller(_dataSource).InstallAsync(Tasks);

            Assert.Equal((true, false, true), (
                await MayRunAsync(producer, "app_jobs.add_e2e_move_point"),
                await MayRunAsync(stranger, "app_jobs.add_e2e_move_point"),
                await MayRunAsync(stranger, "app_jobs.add_e2e_tree"))); // untouched privileges stay the default
        }
        finally
        {
            await ExecuteAsync($"REVOKE ALL ON FUNCTION app_jobs.add_e2e_move_point FROM {producer}; DROP ROLE {producer}; DROP ROLE {stranger}");
        }
    }

    private Task<bool> MayRunAsync(string role, string function) =>
        ScalarAsync<bool>($"SELECT has_function_privilege('{role}', '{function}'::regproc, 'EXECUTE')");

    [Fact]
    public async Task A_function_of_the_same_name_that_Jobs_did_not_make_is_never_replaced()
    {
        await ExecuteAsync("CREATE SCHEMA producers; CREATE FUNCTION producers.add_e2e_tree(n integer) RETURNS integer LANGUAGE sql AS 'SELECT n'");
        var installer = new JobSqlFunctionInstaller(_dataSource, new JobSqlFunctionOptions { FunctionSchema = new SchemaName("producers") });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => installer.InstallAsync(Tasks));

        Assert.Contains("producers.add_e2e_tree(integer) that Jobs did not install", error.Message, StringComparison.Ordinal);
        Assert.Equal(41, await ScalarAsync<int>("SELECT producers.add_e2e_tree(41)"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'producers' AND p.proname <> 'add_e2e_tree'"));
    }

    [Fact]
    public async Task Functions_in_a_schema_of_their_own_enqueue_into_app_jobs()
    {
        await ExecuteAsync("CREATE SCHEMA enqueue");
        await new JobSqlFunctionInstaller(_dataSource, new JobSqlFunctionOptions { FunctionSchema = new SchemaName("enqueue") }).InstallAsync(Tasks);

        var id = await EnqueueFromSqlAsync("enqueue.add_e2e_move_point", ("x", 7), ("y", 8));

        Assert.Equal(new Point(7, 8), (Point)Tasks.Single(t => t.Name == "e2e_move_point").ReadPayload!(await PayloadAsync(id))!);
    }

    [Theory]
    [InlineData("add_e2e_send_email", "to", null, "22004", "add_e2e_send_email: to must not be null")]
    [InlineData("add_e2e_feelings", "mood", "angry", "22023", "add_e2e_feelings: mood must be one of Happy, Sad, so-so, Grumpy")]
    [InlineData("add_e2e_send_email", "reply_address", "[1]", "22023", "add_e2e_send_email: reply_address must be an object, not an array")]
    [InlineData("add_e2e_send_email", "reply_address", """{"street":1,"city":"c","zip":null}""", "22023", "add_e2e_send_email: reply_address.street must be a string, not 1")]
    [InlineData("add_e2e_send_email", "reply_address", """{"street":"s"}""", "22023", "add_e2e_send_email: reply_address.city is required")]
    [InlineData("add_e2e_feelings", "history", """["Happy","angry"]""", "22023", "add_e2e_feelings: history[1] must be one of Happy, Sad, so-so, Grumpy")]
    [InlineData("add_e2e_collections", "counts", """{"a":1.0}""", "22023", "add_e2e_collections: counts.a must be an integer, not 1.0")]
    [InlineData("add_e2e_collections", "scores", "[1e400]", "22023", "add_e2e_collections: scores[0] must be between -1.7976931348623157e+308 and 1.7976931348623157e+308")]
    [InlineData("add_e2e_send_email", "cc", "{{a},{b}}", "22023", "add_e2e_send_email: cc must have one dimension and no null element")]
    [InlineData("add_e2e_primitives", "double", "NaN", "22023", "add_e2e_primitives: double must be a finite number")]
    [InlineData("add_e2e_primitives", "byte", "256", "22023", "add_e2e_primitives: byte must be between 0 and 255")]
    [InlineData("add_e2e_primitives", "letter", "ab", "22023", "add_e2e_primitives: letter must be one character of the Basic Multilingual Plane")]
    [InlineData("add_e2e_primitives", "time", "24:00", "22023", "add_e2e_primitives: time must be before 24:00")]
    public async Task What_the_payload_reader_would_refuse_is_refused_at_enqueue_and_nothing_is_enqueued(string function, string member, string? value, string sqlState, string message)
    {
        var valid = ValidArguments(function);
        var call = valid.Select(p => p.Name == member ? (p.Name, Value: (object?)value, Cast: p.Cast) : p).ToArray();
        var before = await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs");

        var error = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(function, call));

        Assert.Equal((sqlState, message), (error.SqlState, error.MessageText));
        Assert.Equal(before, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs"));
        await CallAsync(function, valid); // the same call with the valid value goes in
    }

    // A valid call of each function the refusal tests use, every value as text with its SQL type.
    private static (string Name, object? Value, string Cast)[] ValidArguments(string function) => function switch
    {
        "add_e2e_feelings" => [("mood", "so-so", "text"), ("history", "[\"Happy\"]", "json")],
        "add_e2e_collections" => [("numbers", "{1}", "integer[]"), ("tags", "{a}", "text[]"), ("addresses", "[]", "json"), ("scores", "[1.5]", "json"),
            ("counts", "{}", "json"), ("places", "{}", "json"), ("home", """{"street":"s","city":"c","zip":null}""", "json"), ("sparse", "{}", "integer[]"),
            ("blob", "\\x00ff", "bytea"), ("nested", "[]", "json")],
        "add_e2e_send_email" => [("to", "a@b.c", "text"), ("subject", "s", "text"), ("body", "b", "text"), ("template_id", Guid.NewGuid().ToString(), "uuid"),
            ("send_at", "2026-12-01T00:00:00Z", "timestamptz"), ("cc", "{x}", "text[]"), ("reply_address", """{"street":"s","city":"c","zip":null}""", "json")],
        "add_e2e_primitives" => [("flag", "true", "boolean"), ("byte", "255", "smallint"), ("s_byte", "-1", "smallint"), ("short", "1", "smallint"), ("u_short", "1", "integer"),
            ("int", "1", "integer"), ("u_int", "1", "bigint"), ("long", "1", "bigint"), ("u_long", "1", "numeric"), ("float", "1.5", "real"), ("double", "2.5", "double precision"),
            ("decimal", "3.25", "numeric"), ("text", "t", "text"), ("letter", "é", "text"), ("color", "10", "integer"), ("size", "200", "smallint"), ("id", Guid.NewGuid().ToString(), "uuid"),
            ("when", "2026-12-01 10:00", "timestamp"), ("at", "2026-12-01 10:00Z", "timestamptz"), ("day", "2026-12-01", "date"), ("time", "23:59:59.999999", "time"),
            ("span", "1 day 02:03:04.5", "interval"), ("huge", "-170141183460469231731687303715884105728", "numeric")],
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    private async Task CallAsync(string function, (string Name, object? Value, string Cast)[] arguments)
    {
        await using var connection = await OpenAsync();
        var sql = $"SELECT id FROM app_jobs.{function}({string.Join(", ", arguments.Select((a, i) => $"\"{a.Name}\" => ${i + 1}::{a.Cast}"))}{DatabaseArgument(arguments.Length)})";
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        }
        AddDatabaseId(command);
        await command.ExecuteScalarAsync();
    }

    private async Task<long> EnqueueFromSqlAsync(string function, params (string Name, object? Value)[] arguments)
    {
        await using var connection = await OpenAsync();
        var qualified = function.Contains('.', StringComparison.Ordinal) ? function : "app_jobs." + function;
        var sql = $"SELECT id FROM {qualified}({string.Join(", ", arguments.Select((a, i) => $"\"{a.Name}\" => ${i + 1}"))}{DatabaseArgument(arguments.Length)})";
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (_, value) in arguments)
        {
            command.Parameters.Add(value is NpgsqlParameter parameter ? parameter : new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        AddDatabaseId(command);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // 0.47 takes the database and the actor from the JWT claims; the others take the database as db_id.
    private string DatabaseArgument(int parameters) => database.IsUpstream047 ? "" : $", db_id => ${parameters + 1}";

    private void AddDatabaseId(NpgsqlCommand command)
    {
        if (!database.IsUpstream047)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = DatabaseId });
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = await _dataSource.OpenConnectionAsync();
        if (database.IsUpstream047)
        {
            await using var claims = new NpgsqlCommand("SELECT set_config('jwt.claims.user_id', $1, false), set_config('jwt.claims.database_id', $2, false)", connection);
            claims.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Actor.ToString() });
            claims.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DatabaseId.ToString() });
            await claims.ExecuteNonQueryAsync();
        }
        return connection;
    }

    private static (string, object?)[] PrimitiveParameters(Primitives p) =>
    [
        ("flag", p.Flag), ("byte", (short)p.Byte), ("s_byte", (short)p.SByte), ("short", p.Short), ("u_short", (int)p.UShort), ("int", p.Int), ("u_int", (long)p.UInt),
        ("long", p.Long), ("u_long", (decimal)p.ULong), ("float", p.Float), ("double", p.Double), ("decimal", p.Decimal), ("text", p.Text), ("maybe_text", p.MaybeText),
        ("letter", p.Letter.ToString()), ("color", (int)p.Color), ("size", (short)p.Size), ("id", p.Id),
        ("when", new NpgsqlParameter { Value = p.When, NpgsqlDbType = NpgsqlDbType.Timestamp }), ("at", p.At), ("day", p.Day), ("time", p.Time), ("span", p.Span),
        ("maybe_int", p.MaybeInt), ("maybe_id", p.MaybeId), ("maybe_color", (int?)p.MaybeColor), ("maybe_at", p.MaybeAt), ("maybe_double", p.MaybeDouble),
        ("huge", new NpgsqlParameter { Value = (BigInteger)p.Huge, NpgsqlDbType = NpgsqlDbType.Numeric }),
        ("maybe_huge", new NpgsqlParameter { Value = p.MaybeHuge is { } huge ? (BigInteger)huge : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric }),
    ];

    private static NpgsqlParameter Json(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Json };

    private async Task<byte[]> PayloadAsync(long id) =>
        Encoding.UTF8.GetBytes(await ScalarAsync<string>("SELECT payload::text FROM app_jobs.jobs WHERE id = $1", id));

    private async Task<(string? Queue, int Priority, int MaxAttempts)> JobSettingsAsync(long id)
    {
        await using var command = _dataSource.CreateCommand("SELECT queue_name, priority, max_attempts FROM app_jobs.jobs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class SqlFunctionTestsOnInstaller(InstallerShapeDatabase database) : SqlFunctionTests(database), IClassFixture<InstallerShapeDatabase>;

public sealed class SqlFunctionTestsOnPgpm(PgpmShapeDatabase database) : SqlFunctionTests(database), IClassFixture<PgpmShapeDatabase>;

public sealed class SqlFunctionTestsOnUpstream047(Upstream047ShapeDatabase database) : SqlFunctionTests(database), IClassFixture<Upstream047ShapeDatabase>;
