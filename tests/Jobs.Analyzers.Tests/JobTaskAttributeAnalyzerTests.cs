using Jobs.Analyzers.Tests.Infrastructure;

namespace Jobs.Analyzers.Tests;

/// <summary>JOBS001, JOBS002 and JOBS006: what is written in [JobTask(...)].</summary>
public sealed class JobTaskAttributeAnalyzerTests
{
    private const string Preamble = """
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        public sealed record Args(int Value);

        """;

    private static string Handler(string attribute, string name = "SendHandler") => $$"""
        [{{attribute}}]
        public sealed class {{name}} : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        """;

    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify<JobTaskAttributeAnalyzer>.AnalyzerAsync(Preamble + source, expected);

    [Fact]
    public Task JOBS001_two_handlers_claiming_one_task_name_are_both_reported() =>
        VerifyAsync(
            Handler("""JobTask({|#0:"send"|})""", "SendEmailHandler") + Handler("""JobTask({|#1:"send"|}, Queue = "sms")""", "SendSmsHandler"),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS001").WithLocation(0).WithArguments("send", "Acme.SendEmailHandler", "'Acme.SendSmsHandler'"),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS001").WithLocation(1).WithArguments("send", "Acme.SendSmsHandler", "'Acme.SendEmailHandler'"));

    [Fact]
    public Task JOBS001_three_claims_name_the_other_two() =>
        VerifyAsync(
            Handler("""JobTask({|#0:"send"|})""", "AHandler") + Handler("""JobTask({|#1:"send"|})""", "BHandler") + Handler("""JobTask({|#2:"send"|})""", "CHandler"),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS001").WithLocation(0).WithArguments("send", "Acme.AHandler", "'Acme.BHandler' and 'Acme.CHandler'"),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS001").WithLocation(1).WithArguments("send", "Acme.BHandler", "'Acme.AHandler' and 'Acme.CHandler'"),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS001").WithLocation(2).WithArguments("send", "Acme.CHandler", "'Acme.AHandler' and 'Acme.BHandler'"));

    [Fact]
    public Task JOBS001_claims_across_files_are_found() =>
        Verify<JobTaskAttributeAnalyzer>.AnalyzerAsync(
            [
                Preamble + Handler("""JobTask({|JOBS001:"send"|})""", "AHandler"),
                "using System.Threading;\nusing System.Threading.Tasks;\nusing Jobs;\n\nnamespace Acme;\n\n" + Handler("""JobTask({|JOBS001:"send"|})""", "BHandler"),
            ]);

    [Fact]
    public Task JOBS001_names_differing_in_case_or_altogether_are_distinct() =>
        VerifyAsync(Handler("""JobTask("send")""", "AHandler") + Handler("""JobTask("Send")""", "BHandler") + Handler("""JobTask("send_sms")""", "CHandler"));

    [Fact]
    public Task JOBS002_an_empty_name() =>
        VerifyAsync(
            Handler("""JobTask({|#0:""|})"""),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS002").WithLocation(0).WithArguments("SendHandler", "is empty"));

    [Fact]
    public Task JOBS002_a_null_name() =>
        VerifyAsync(
            Handler("""JobTask({|#0:null!|})"""),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS002").WithLocation(0).WithArguments("SendHandler", "is null"));

    [Fact]
    public Task JOBS002_a_name_of_127_characters() =>
        VerifyAsync(
            Handler($$"""JobTask({|#0:"{{new string('a', 127)}}"|})"""),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS002").WithLocation(0).WithArguments("SendHandler", "has 127 characters"));

    [Fact]
    public Task JOBS002_a_constant_name_is_judged_by_its_value() =>
        VerifyAsync(
            "public static class Names { public const string Long = \"" + new string('x', 200) + "\"; }\n" + Handler("JobTask({|JOBS002:Names.Long|})"));

    [Fact]
    public Task JOBS002_names_of_1_and_126_characters_are_fine() =>
        VerifyAsync(Handler("""JobTask("s")""", "AHandler") + Handler($$"""JobTask("{{new string('a', 126)}}")""", "BHandler"));

    [Fact]
    public Task JOBS006_an_empty_queue() =>
        VerifyAsync(
            Handler("""JobTask("send", {|#0:Queue = ""|})"""),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS006").WithLocation(0).WithArguments("Queue", "\"\"", "SendHandler", "a queue name needs 1 to 126 characters"));

    [Fact]
    public Task JOBS006_a_queue_of_127_characters() =>
        VerifyAsync(Handler($$"""JobTask("send", {|JOBS006:Queue = "{{new string('q', 127)}}"|})"""));

    [Fact]
    public Task JOBS006_zero_max_attempts() =>
        VerifyAsync(
            Handler("""JobTask("send", {|#0:MaxAttempts = 0|})"""),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS006").WithLocation(0).WithArguments("MaxAttempts", "0", "SendHandler", "a job needs at least 1 attempt"));

    [Fact]
    public Task JOBS006_negative_max_attempts_and_timeout_are_each_reported() =>
        VerifyAsync(Handler("""JobTask("send", {|JOBS006:MaxAttempts = -3|}, Priority = 1, {|JOBS006:TimeoutSeconds = -1|})"""));

    [Fact]
    public Task JOBS006_a_zero_timeout() =>
        VerifyAsync(
            Handler("""JobTask("send", {|#0:TimeoutSeconds = 0|})"""),
            Verify<JobTaskAttributeAnalyzer>.Diagnostic("JOBS006").WithLocation(0).WithArguments("TimeoutSeconds", "0", "SendHandler", "the timeout must be at least 1 second"));

    [Fact]
    public Task JOBS006_values_within_limits_and_any_priority_are_fine() =>
        VerifyAsync(
            Handler($$"""JobTask("send", Queue = "{{new string('q', 126)}}", Priority = int.MinValue, MaxAttempts = 1, TimeoutSeconds = 1)""", "AHandler")
            + Handler("""JobTask("other", Queue = null, Priority = 0)""", "BHandler")
            + Handler("""JobTask("unset")""", "CHandler"));

    [Fact]
    public Task Classes_without_the_attribute_are_not_looked_at() =>
        VerifyAsync("public sealed class Plain { }\n");
}
