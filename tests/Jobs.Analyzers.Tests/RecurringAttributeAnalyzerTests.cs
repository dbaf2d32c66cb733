using Jobs.Analyzers.Tests.Infrastructure;

namespace Jobs.Analyzers.Tests;

/// <summary>JOBS013, JOBS014 and JOBS015: what is written in [Recurring(...)].</summary>
public sealed class RecurringAttributeAnalyzerTests
{
    private const string Preamble = """
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        public sealed record Args(int Value);

        """;

    private static string Handler(string recurring, string jobTask = "[JobTask(\"report\")]") => $$"""
        {{jobTask}}
        [{{recurring}}]
        public sealed class ReportHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        """;

    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify<RecurringAttributeAnalyzer>.AnalyzerAsync(Preamble + source, expected);

    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("*/5 * * * * *")]
    [InlineData("0 0 9-17/2 * * MON-FRI")]
    [InlineData("30 8 1,15 JAN,jul *")]
    [InlineData("0 12 ? * 5#3")]
    [InlineData("0 12 L * *")]
    [InlineData("0 12 L-2 * *")]
    [InlineData("0 12 15W * *")]
    [InlineData("0 12 LW * *")]
    [InlineData("0 12 * * 5L")]
    [InlineData("0 0 * * 7")]
    [InlineData("  0   2 * * *  ")]
    [InlineData("0 ? * * *")]
    [InlineData("0 0 L-3W * *")]
    public Task Valid_cron_expressions_are_not_reported(string cron) =>
        VerifyAsync(Handler($"Recurring(\"{cron}\")"));

    [Theory]
    [InlineData("0 2 * *", "it has 4 field(s); expected 5 (minute hour day month weekday) or 6 (with seconds first)")]
    [InlineData("0 0 2 * * * *", "it has 7 field(s); expected 5 (minute hour day month weekday) or 6 (with seconds first)")]
    [InlineData("", "it is empty")]
    [InlineData("@daily", "it has 1 field(s); expected 5 (minute hour day month weekday) or 6 (with seconds first)")]
    [InlineData("0 25 * * *", "the hour field '25' is invalid: '25' is not a value 0-23")]
    [InlineData("60 * * * *", "the minute field '60' is invalid: '60' is not a value 0-59")]
    [InlineData("0 0 0 * *", "the day of month field '0' is invalid: '0' is not a value 1-31")]
    [InlineData("0 0 1 13 *", "the month field '13' is invalid: '13' is not a value 1-12 or a name such as JAN")]
    [InlineData("0 0 * * MOND", "the day of week field 'MOND' is invalid: unexpected 'D' at position 4")]
    [InlineData("0 0 * * FOO", "the day of week field 'FOO' is invalid: 'FOO' is not a value 0-7 or a name such as SUN")]
    [InlineData("*/0 * * * *", "the minute field '*/0' is invalid: the step must be a number from 1 to 59")]
    [InlineData("*/60 * * * *", "the minute field '*/60' is invalid: the step must be a number from 1 to 59")]
    [InlineData("007 * * * *", "the minute field '007' is invalid: '007' is not a value 0-59")]
    [InlineData("*,5 * * * *", "the minute field '*,5' is invalid: unexpected ',' at position 2")]
    [InlineData("0 0 1,L * *", "the day of month field '1,L' is invalid: 'L' is not a value 1-31")]
    [InlineData("1,,2 * * * *", "the minute field '1,,2' is invalid: an empty list item")]
    [InlineData("0 12 * * 5#6", "the day of week field '5#6' is invalid: '#' needs a week 1-5")]
    [InlineData("0 12 * * 5#2,6", "the day of week field '5#2,6' is invalid: unexpected ',' at position 4")]
    [InlineData("0 ?? * * *", "the hour field '??' is invalid: unexpected '?' at position 2")]
    public Task JOBS013_an_invalid_cron_expression_is_reported(string cron, string problem) =>
        VerifyAsync(
            Handler($"Recurring({{|#0:\"{cron}\"|}})"),
            Verify<RecurringAttributeAnalyzer>.Diagnostic("JOBS013").WithLocation(0).WithArguments(cron, "Acme.ReportHandler", problem));

    [Theory]
    [InlineData("{}")]
    [InlineData("{\\\"days\\\": 30, \\\"tags\\\": [\\\"a\\\", null, true, -1.5e3], \\\"nested\\\": {\\\"x\\\": \\\"\\\\u00e9\\\"}}")]
    [InlineData("[]")]
    [InlineData("42")]
    public Task Valid_payload_json_is_not_reported(string payload) =>
        VerifyAsync(Handler($"Recurring(\"0 2 * * *\", Payload = \"{payload}\")"));

    [Theory]
    [InlineData("{days: 30}", "expected a property name in double quotes at position 1")]
    [InlineData("{\\\"days\\\": 30,}", "expected a property name in double quotes at position 12")]
    [InlineData("{\\\"days\\\": 30", "unexpected end, expected '}' at position 11")]
    [InlineData("{'a': 1}", "expected a property name in double quotes at position 1")]
    [InlineData("{\\\"a\\\": 01}", "expected '}' at position 7")]
    [InlineData("", "unexpected end at position 0")]
    public Task JOBS014_invalid_payload_json_is_reported(string payload, string problem) =>
        VerifyAsync(
            Handler($"Recurring(\"0 2 * * *\", Payload = {{|#0:\"{payload}\"|}})"),
            Verify<RecurringAttributeAnalyzer>.Diagnostic("JOBS014").WithLocation(0).WithArguments("Acme.ReportHandler", problem));

    [Fact]
    public Task JOBS013_and_JOBS014_are_both_reported_on_one_attribute() =>
        VerifyAsync(
            Handler("Recurring({|#0:\"0 2 * *\"|}, Payload = {|#1:\"{\"|})"),
            Verify<RecurringAttributeAnalyzer>.Diagnostic("JOBS013").WithLocation(0).WithArguments("0 2 * *", "Acme.ReportHandler", "it has 4 field(s); expected 5 (minute hour day month weekday) or 6 (with seconds first)"),
            Verify<RecurringAttributeAnalyzer>.Diagnostic("JOBS014").WithLocation(1).WithArguments("Acme.ReportHandler", "expected a property name in double quotes at position 1"));

    [Fact]
    public Task JOBS015_recurring_without_job_task_is_reported() =>
        VerifyAsync(
            Handler("{|#0:Recurring(\"0 2 * * *\")|}", jobTask: ""),
            Verify<RecurringAttributeAnalyzer>.Diagnostic("JOBS015").WithLocation(0).WithArguments("Acme.ReportHandler"));

    [Fact]
    public Task A_handler_without_recurring_is_not_reported() =>
        VerifyAsync(Handler("System.Obsolete", jobTask: "[JobTask(\"report\")]"));
}
