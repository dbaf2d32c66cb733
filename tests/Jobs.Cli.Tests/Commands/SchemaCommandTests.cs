using System.Text.Json;
using Jobs.Cli.Tests.Infrastructure;
using Jobs.Schema;

namespace Jobs.Cli.Tests.Commands;

/// <summary><c>jobs schema [task]</c>: the payload schemas the installed SQL enqueue functions publish.</summary>
public sealed class SchemaCommandTests : JobsTest
{
    private const string ReportSchema = """{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"send_report","type":"object","properties":{"to":{"type":"string"}},"required":["to"]}""";

    // Two tasks as a generated dispatcher describes them (the function model is the generator's form).
    private static readonly JobTaskDescriptor[] Tasks =
    [
        new JobTaskDescriptor("send_report")
        {
            PayloadSchema = ReportSchema,
            SqlFunction = new JobSqlFunction("add_send_report", "\"to\" text",
                "v_payload := json_build_object('to', add_send_report.\"to\");\n", Queue: "reports", Priority: null, MaxAttempts: 3),
        },
        new JobTaskDescriptor("ping") { SqlFunction = new JobSqlFunction("add_ping", "", "v_payload := '{}'::json;\n", null, null, null) },
    ];

    [Fact]
    public async Task Lists_the_tasks_with_their_functions_and_prints_one_schema_indented()
    {
        await new JobSqlFunctionInstaller(Database.DataSource).InstallAsync(Tasks);

        var list = await JobsAsync("schema");
        var one = await JobsAsync("schema", "send_report");

        Assert.Equal(
            ["ping\tapp_jobs.add_ping(uuid,timestamp with time zone,text,text,integer,integer)",
             "send_report\tapp_jobs.add_send_report(text,uuid,timestamp with time zone,text,text,integer,integer)"],
            list.AssertReport(0));
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("\n  \"title\": \"send_report\",\n", one.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        using var printed = JsonDocument.Parse(one.Stdout);
        using var expected = JsonDocument.Parse(ReportSchema);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, printed.RootElement));
    }

    [Fact]
    public async Task The_functions_of_another_schema_are_read_with_function_schema()
    {
        await ExecuteAsync("CREATE SCHEMA producers");
        await new JobSqlFunctionInstaller(Database.DataSource, new JobSqlFunctionOptions { FunctionSchema = new SchemaName("producers") }).InstallAsync(Tasks);

        var run = await JobsAsync("schema", "send_report", "--function-schema", "producers");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"send_report\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("has no SQL enqueue functions", (await JobsAsync("schema")).AssertOneLineError(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_task_a_task_without_a_schema_and_no_functions_are_one_line_errors()
    {
        Assert.Equal("jobs: error: schema app_jobs has no SQL enqueue functions: the application installs them with JobSqlFunctionInstaller",
            (await JobsAsync("schema", "send_report")).AssertOneLineError(1));

        await new JobSqlFunctionInstaller(Database.DataSource).InstallAsync(Tasks);

        Assert.Equal("jobs: error: no SQL enqueue function for task 'nope' in schema app_jobs; installed: ping, send_report",
            (await JobsAsync("schema", "nope")).AssertOneLineError(1));
        Assert.Equal("jobs: error: the enqueue function of task 'ping' carries no payload schema (its dispatcher gave none)",
            (await JobsAsync("schema", "ping")).AssertOneLineError(1));
    }
}
