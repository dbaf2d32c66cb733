using Jobs.Analyzers.CodeFixes;
using Jobs.Analyzers.Tests.Infrastructure;

namespace Jobs.Analyzers.Tests;

/// <summary>The code fixes: JOBS003 (implement the interface), JOBS005 (abstract, hidden), JOBS008 (cover the type).</summary>
public sealed class CodeFixTests
{
    private const string Preamble = """
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        public sealed record Args(int Value);

        """;

    [Fact]
    public Task JOBS003_implements_the_interface_the_method_already_matches() =>
        Verify<JobHandlerAnalyzer>.CodeFixAsync<ImplementJobHandlerCodeFix>(
            Preamble + """
            [JobTask("send")]
            public sealed class {|JOBS003:SendHandler|}
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """,
            Preamble + """
            [JobTask("send")]
            public sealed class SendHandler : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task JOBS003_adds_the_interface_behind_an_existing_base() =>
        Verify<JobHandlerAnalyzer>.CodeFixAsync<ImplementJobHandlerCodeFix>(
            Preamble + """
            public abstract class Base
            {
            }

            [JobTask("send")]
            public sealed class {|JOBS003:SendHandler|} : Base
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """,
            Preamble + """
            public abstract class Base
            {
            }

            [JobTask("send")]
            public sealed class SendHandler : Base, IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task JOBS003_qualifies_a_payload_type_from_another_namespace() =>
        Verify<JobHandlerAnalyzer>.CodeFixAsync<ImplementJobHandlerCodeFix>(
            "namespace Acme.Payloads\n{\n    public sealed record Ping(int N);\n}\n\n" + """
            namespace Acme.Handlers
            {
                [Jobs.JobTask("ping")]
                internal sealed class {|JOBS003:PingHandler|}
                {
                    public System.Threading.Tasks.Task HandleAsync(Acme.Payloads.Ping args, Jobs.JobContext context, System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
                }
            }
            """,
            "namespace Acme.Payloads\n{\n    public sealed record Ping(int N);\n}\n\n" + """
            namespace Acme.Handlers
            {
                [Jobs.JobTask("ping")]
                internal sealed class PingHandler : Jobs.IJobHandler<Payloads.Ping>
                {
                    public System.Threading.Tasks.Task HandleAsync(Acme.Payloads.Ping args, Jobs.JobContext context, System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
                }
            }
            """);

    [Fact]
    public async Task JOBS003_offers_nothing_when_the_payload_type_is_not_known()
    {
        // No HandleAsync at all, and two of them: there is no one obvious T.
        const string source = Preamble + """
            public sealed record Other(string Name);

            [JobTask("empty")]
            public sealed class {|JOBS003:EmptyHandler|}
            {
            }

            [JobTask("two")]
            public sealed class {|JOBS003:TwoHandler|}
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
                public Task HandleAsync(Other args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;
        await Verify<JobHandlerAnalyzer>.CodeFixAsync<ImplementJobHandlerCodeFix>(source, source);
    }

    [Fact]
    public Task JOBS005_removes_abstract() =>
        Verify<JobHandlerAnalyzer>.CodeFixAsync<HandlerDeclarationCodeFix>(
            Preamble + """
            [JobTask("send")]
            public abstract class {|JOBS005:SendHandler|} : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """,
            Preamble + """
            [JobTask("send")]
            public class SendHandler : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task JOBS005_removes_a_leading_abstract() =>
        Verify<JobHandlerAnalyzer>.CodeFixAsync<HandlerDeclarationCodeFix>(
            Preamble + "[JobTask(\"send\")]\nabstract class {|JOBS005:SendHandler|} : IJobHandler<Args>\n{\n    public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;\n}\n",
            Preamble + "[JobTask(\"send\")]\nclass SendHandler : IJobHandler<Args>\n{\n    public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;\n}\n");

    [Theory]
    [InlineData("private sealed", "internal sealed")]
    [InlineData("sealed protected", "sealed internal")]
    [InlineData("private protected sealed", "internal sealed")]
    [InlineData("sealed", "internal sealed")]
    [InlineData("", "internal ")]
    public Task JOBS005_makes_a_hidden_nested_handler_internal(string before, string after) =>
        Verify<JobHandlerAnalyzer>.CodeFixAsync<HandlerDeclarationCodeFix>(
            Preamble + Nested(before + (before.Length > 0 ? " " : "") + "class {|JOBS005:SendHandler|}"),
            Preamble + Nested(after + (after.EndsWith(' ') ? "" : " ") + "class SendHandler"));

    [Fact]
    public Task JOBS005_makes_a_file_local_handler_internal() =>
        Verify<JobHandlerAnalyzer>.CodeFixAsync<HandlerDeclarationCodeFix>(
            Preamble + "[JobTask(\"send\")]\nfile sealed class {|JOBS005:SendHandler|} : IJobHandler<Args>\n{\n    public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;\n}\n",
            Preamble + "[JobTask(\"send\")]\ninternal sealed class SendHandler : IJobHandler<Args>\n{\n    public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;\n}\n");

    [Fact]
    public async Task JOBS005_offers_nothing_for_generic_record_or_hidden_by_its_container()
    {
        const string source = Preamble + """
            [JobTask("generic")]
            public sealed class {|JOBS005:GenericHandler|}<T> : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            [JobTask("record")]
            public sealed record {|JOBS005:RecordHandler|} : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class Outer
            {
                private sealed class Inner
                {
                    [JobTask("inner")]
                    public sealed class {|JOBS005:InnerHandler|} : IJobHandler<Args>
                    {
                        public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
                    }
                }
            }
            """;
        await Verify<JobHandlerAnalyzer>.CodeFixAsync<HandlerDeclarationCodeFix>(source, source);
    }

    [Fact]
    public Task JOBS008_adds_the_type_to_the_context_beside_its_other_attributes() =>
        Verify<JobPayloadAnalyzer>.CodeFixAsync<AddJsonSerializableCodeFix>(
            [Handlers, Context("[JsonSerializable(typeof(int))]\n")],
            [Handlers.Replace("{|JOBS008:IJobHandler<Crawl>|}", "IJobHandler<Crawl>", StringComparison.Ordinal), Context("[JsonSerializable(typeof(int))]\n[JsonSerializable(typeof(Uri))]\n")]);

    [Fact]
    public Task JOBS008_adds_the_first_attribute_above_a_documented_context() =>
        Verify<JobPayloadAnalyzer>.CodeFixAsync<AddJsonSerializableCodeFix>(
            [Handlers, Context("/// <summary>Types the payloads need.</summary>\n")],
            [Handlers.Replace("{|JOBS008:IJobHandler<Crawl>|}", "IJobHandler<Crawl>", StringComparison.Ordinal), Context("/// <summary>Types the payloads need.</summary>\n[JsonSerializable(typeof(Uri))]\n")]);

    [Fact]
    public Task JOBS008_adds_a_generic_type() =>
        Verify<JobPayloadAnalyzer>.CodeFixAsync<AddJsonSerializableCodeFix>(
            [Handlers.Replace("Uri Link", "HashSet<string> Seen", StringComparison.Ordinal), Context("")],
            [Handlers.Replace("Uri Link", "HashSet<string> Seen", StringComparison.Ordinal).Replace("{|JOBS008:IJobHandler<Crawl>|}", "IJobHandler<Crawl>", StringComparison.Ordinal), Context("[JsonSerializable(typeof(HashSet<string>))]\n")]);

    private const string Handlers = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        public sealed record Crawl(Uri Link);

        [JobTask("crawl")]
        public sealed class CrawlHandler : {|JOBS008:IJobHandler<Crawl>|}
        {
            public Task HandleAsync(Crawl args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private static string Context(string above) => """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;

        [assembly: Jobs.JobsSerialization(Context = typeof(Acme.AcmeJsonContext))]

        namespace Acme;

        """ + above + """
        internal sealed class AcmeJsonContext : JsonSerializerContext
        {
            public AcmeJsonContext() : base(null)
            {
            }

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    private static string Nested(string declaration) => $$"""
        public sealed class Outer
        {
            [JobTask("send")]
            {{declaration}} : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
        }
        """;
}
