using Jobs.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests;

/// <summary>JOBS003, JOBS004, JOBS005 and JOBS011: the class under [JobTask].</summary>
public sealed class JobHandlerAnalyzerTests
{
    private const string Preamble = """
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        public sealed record Args(int Value);
        public sealed record Other(string Name);

        """;

    private const string Body = """
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Verify<JobHandlerAnalyzer>.AnalyzerAsync(Preamble + source, expected);

    private static DiagnosticResult Diagnostic(string id) => Verify<JobHandlerAnalyzer>.Diagnostic(id);

    [Fact]
    public Task JOBS003_a_class_without_the_interface() =>
        VerifyAsync(
            """
            [JobTask("send")]
            public sealed class {|#0:SendHandler|}
            {
            }
            """,
            Diagnostic("JOBS003").WithLocation(0).WithArguments("SendHandler"));

    [Fact]
    public Task JOBS003_a_class_with_only_the_method() =>
        VerifyAsync(
            """
            [JobTask("send")]
            public sealed class {|JOBS003:SendHandler|}
            """ + "\n" + Body);

    [Fact]
    public Task JOBS003_an_interface_inherited_from_a_base_class_counts() =>
        VerifyAsync(
            """
            public abstract class HandlerBase : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            [JobTask("send")]
            public sealed class SendHandler : HandlerBase
            {
            }
            """);

    [Fact]
    public Task JOBS004_two_interfaces() =>
        VerifyAsync(
            """
            [JobTask("send")]
            public sealed class {|#0:SendHandler|} : IJobHandler<Args>, IJobHandler<Other>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
                public Task HandleAsync(Other args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """,
            Diagnostic("JOBS004").WithLocation(0).WithArguments("SendHandler", "'IJobHandler<Args>' and 'IJobHandler<Other>'"));

    [Fact]
    public Task JOBS004_one_inherited_and_one_declared() =>
        VerifyAsync(
            """
            public abstract class HandlerBase : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            [JobTask("send")]
            public sealed class {|JOBS004:SendHandler|} : HandlerBase, IJobHandler<Other>
            {
                public Task HandleAsync(Other args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task JOBS004_one_interface_named_twice_through_a_base_is_one() =>
        VerifyAsync(
            """
            public abstract class HandlerBase : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            [JobTask("send")]
            public sealed class SendHandler : HandlerBase, IJobHandler<Args>
            {
            }
            """);

    [Fact]
    public Task JOBS005_abstract() =>
        VerifyAsync(
            "[JobTask(\"send\")]\npublic abstract class {|#0:SendHandler|} : IJobHandler<Args>\n" + Body,
            Diagnostic("JOBS005").WithLocation(0).WithArguments("SendHandler", "is abstract: there is no instance to resolve and run"));

    [Fact]
    public Task JOBS005_static_without_the_interface() =>
        VerifyAsync(
            "[JobTask(\"send\")]\npublic static class {|#0:SendHandler|}\n{\n}\n",
            Diagnostic("JOBS005").WithLocation(0).WithArguments("SendHandler", "is static: there is no instance to resolve and run"),
            Diagnostic("JOBS003").WithLocation(0).WithArguments("SendHandler"));

    [Fact]
    public Task JOBS005_generic() =>
        VerifyAsync(
            """
            [JobTask("send")]
            public sealed class {|#0:SendHandler|}<T> : IJobHandler<T>
            {
                public Task HandleAsync(T args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """,
            Diagnostic("JOBS005").WithLocation(0).WithArguments("SendHandler", "is generic: the generator needs one closed type to register and dispatch to"));

    [Fact]
    public Task JOBS005_nested_in_a_generic_type() =>
        VerifyAsync(
            "public sealed class Outer<T>\n{\n[JobTask(\"send\")]\npublic sealed class {|#0:SendHandler|} : IJobHandler<Args>\n" + Body + "\n}\n",
            Diagnostic("JOBS005").WithLocation(0).WithArguments("SendHandler", "is nested in the generic type 'Acme.Outer<T>': the generator needs one closed type to register and dispatch to"));

    [Theory]
    [InlineData("private", "private")]
    [InlineData("protected", "protected")]
    [InlineData("private protected", "private protected")]
    [InlineData("", "private")]
    public Task JOBS005_nested_and_hidden(string modifier, string described) =>
        VerifyAsync(
            $"public sealed class Outer\n{{\n[JobTask(\"send\")]\n{modifier} sealed class {{|#0:SendHandler|}} : IJobHandler<Args>\n" + Body + "\n}\n",
            Diagnostic("JOBS005").WithLocation(0).WithArguments("SendHandler", $"is {described}: generated code cannot refer to it"));

    [Fact]
    public Task JOBS005_nested_in_a_private_type() =>
        VerifyAsync(
            "public sealed class Outer\n{\nprivate sealed class Inner\n{\n[JobTask(\"send\")]\npublic sealed class {|#0:SendHandler|} : IJobHandler<Args>\n" + Body + "\n}\n}\n",
            Diagnostic("JOBS005").WithLocation(0).WithArguments("SendHandler", "is nested in the private type 'Acme.Outer.Inner': generated code cannot refer to it"));

    [Fact]
    public Task JOBS005_file_local() =>
        VerifyAsync(
            "[JobTask(\"send\")]\nfile sealed class {|#0:SendHandler|} : IJobHandler<Args>\n" + Body,
            Diagnostic("JOBS005").WithLocation(0).WithArguments("SendHandler", "is file-local: generated code cannot refer to it"));

    [Fact]
    public Task JOBS005_a_record() =>
        VerifyAsync(
            "[JobTask(\"send\")]\npublic sealed record {|#0:SendHandler|} : IJobHandler<Args>\n" + Body,
            Diagnostic("JOBS005").WithLocation(0).WithArguments("SendHandler", "is a record: the generator looks at class declarations only"));

    [Fact]
    public Task JOBS005_public_internal_and_visible_nested_classes_are_fine() =>
        VerifyAsync(
            "[JobTask(\"a\")]\npublic sealed class AHandler : IJobHandler<Args>\n" + Body + "\n"
            + "[JobTask(\"b\")]\ninternal sealed class BHandler : IJobHandler<Args>\n" + Body + "\n"
            + "[JobTask(\"c\")]\npublic class CHandler : IJobHandler<Args>\n" + Body + "\n"
            + "internal static class Outer\n{\n"
            + "[JobTask(\"d\")]\ninternal sealed class DHandler : IJobHandler<Args>\n" + Body + "\n"
            + "[JobTask(\"e\")]\nprotected internal sealed class EHandler : IJobHandler<Args>\n" + Body.Replace("Args args", "Args a", StringComparison.Ordinal) + "\n"
            + "[JobTask(\"f\")]\npublic sealed partial class FHandler : IJobHandler<Args>\n{\n}\n"
            + "public sealed partial class FHandler\n" + Body + "\n}\n");

    [Fact]
    public Task JOBS011_handlers_whose_enqueue_methods_would_share_a_name() =>
        Verify<JobHandlerAnalyzer>.AnalyzerAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Jobs;

            namespace Acme.Mail
            {
                public sealed record Args(int Value);

                [JobTask("send_mail")]
                public sealed class {|#0:SendHandler|} : IJobHandler<Args>
                {
                    public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
                }
            }

            namespace Acme.Sms
            {
                [JobTask("send_sms")]
                public sealed class {|#1:SendJob|} : IJobHandler<string>
                {
                    public Task HandleAsync(string args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
                }
            }
            """,
            Diagnostic("JOBS011").WithLocation(0).WithArguments("Acme.Mail.SendHandler", "'Acme.Sms.SendJob'", "Send"),
            Diagnostic("JOBS011").WithLocation(1).WithArguments("Acme.Sms.SendJob", "'Acme.Mail.SendHandler'", "Send"));

    [Fact]
    public Task JOBS011_is_not_reported_for_distinct_stems_or_for_handlers_that_get_no_methods() =>
        VerifyAsync(
            "[JobTask(\"a\")]\npublic sealed class SendHandler : IJobHandler<Args>\n" + Body + "\n"
            + "[JobTask(\"b\")]\npublic sealed class SendMailHandler : IJobHandler<Args>\n" + Body + "\n"
            + "[JobTask(\"c\")]\npublic abstract class {|JOBS005:SendJob|} : IJobHandler<Args>\n" + Body + "\n"
            + "[JobTask(\"d\")]\npublic sealed class Handler : IJobHandler<Args>\n" + Body + "\n");
}
