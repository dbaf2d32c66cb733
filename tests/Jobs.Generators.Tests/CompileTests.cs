using System.Reflection;
using System.Runtime.Loader;
using Jobs.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Jobs.Generators.Tests;

/// <summary>
/// The generated code compiles with nullable on and every warning an error, against the runtime's
/// reference assemblies, Jobs and Npgsql; and a generated serializer runs.
/// </summary>
public sealed class CompileTests
{
    [Theory]
    [InlineData("Email", "Acme.Mail")]
    [InlineData("Shapes", "Acme.Shapes")]
    [InlineData("Context", "Acme.Links")]
    [InlineData("Recurring", "Acme.Reports")]
    public void Generated_code_compiles_without_warnings(string scenario, string assemblyName)
    {
        var input = GeneratorHarness.Compilation(assemblyName, SnapshotTests.Source(scenario));
        GeneratorHarness.AssertCompilesCleanly(input);

        var (files, output) = GeneratorHarness.Run(input);

        Assert.NotEmpty(files);
        GeneratorHarness.AssertCompilesCleanly(output);
    }

    [Fact]
    public void Bad_handlers_are_left_out_and_what_is_emitted_compiles()
    {
        var input = GeneratorHarness.Compilation("Acme.Bad", Sources.BadInput, LongNameHandler());

        var (files, output) = GeneratorHarness.Run(input);

        GeneratorHarness.AssertCompilesCleanly(output);
        var dispatcher = files["Jobs.Dispatcher.g.cs"];
        Assert.Matches(@"global::Jobs\.JobTaskDescriptor\.Of<[^>]+>\(""good"", null, ", dispatcher);
        // Of two handlers claiming one task, the first by type name keeps it; the analyzers report the clash.
        Assert.Contains("DuplicateNameHandler", dispatcher, StringComparison.Ordinal);
        foreach (var leftOut in new[] { "GoodHandler", "AbstractHandler", "GenericHandler", "NotAHandler", "TwoInterfacesHandler", "EmptyNameHandler", "NoContextHandler", "BadAttemptsHandler", "HiddenHandler", "LongNameHandler" })
        {
            Assert.DoesNotContain(leftOut, string.Concat(files.Values), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_assembly_without_handlers_gets_nothing()
    {
        var (files, _) = GeneratorHarness.Run(GeneratorHarness.Compilation("Acme.Empty", "namespace Acme; public sealed class Nothing { }"));

        Assert.Empty(files);
    }

    [Fact]
    public void A_generated_serializer_runs_and_reads_back_what_it_wrote()
    {
        const string probe = """
            namespace Acme.Mail;

            public static class Probe
            {
                public static string Run()
                {
                    var args = new SendEmailArgs("ada@example.com", "Hi <there>", new System.Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
                        new System.DateTimeOffset(2024, 1, 2, 3, 4, 5, System.TimeSpan.FromHours(1)), ["b@example.com"], new Recipient("Bo", "bo@example.com"));
                    var json = global::Jobs.Generated.AcmeMailJobPayloads.SerializeSendEmailArgs(args);
                    var back = global::Jobs.Generated.AcmeMailJobPayloads.DeserializeSendEmailArgs(json.Span);
                    return System.Text.Encoding.UTF8.GetString(json.Span) + "|" + (back with { Cc = args.Cc } == args);
                }
            }
            """;
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compilation("Acme.Mail", Sources.Email, probe));
        GeneratorHarness.AssertCompilesCleanly(output);

        var result = (string)Load(output).GetType("Acme.Mail.Probe")!.GetMethod("Run")!.Invoke(null, null)!;

        Assert.Equal(
            """{"to":"ada@example.com","subject":"Hi \u003Cthere\u003E","template_id":"0f8fad5b-d9cb-469f-a165-70867728950e","send_at":"2024-01-02T03:04:05+01:00","cc":["b@example.com"],"reply_to":{"name":"Bo","address":"bo@example.com"},"priority":null}|True""",
            result);
    }

    private static string LongNameHandler() => $$"""
        namespace Acme.Bad;

        [Jobs.JobTask("{{new string('x', 127)}}")]
        public sealed class LongNameHandler : Jobs.IJobHandler<Args>
        {
            public System.Threading.Tasks.Task HandleAsync(Args args, Jobs.JobContext context, System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
        }
        """;

    private static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(image);
    }
}
