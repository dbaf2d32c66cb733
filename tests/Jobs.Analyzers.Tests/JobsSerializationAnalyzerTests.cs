using Jobs.Analyzers.Tests.Infrastructure;

namespace Jobs.Analyzers.Tests;

/// <summary>JOBS009: what [assembly: JobsSerialization(Context = ...)] names; JOBS016: its NamingPolicy.</summary>
public sealed class JobsSerializationAnalyzerTests
{
    private const string Preamble = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using Jobs;

        """;

    private const string ContextBody = """
        {
            public AcmeJsonContext() : base(null)
            {
            }

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    [Fact]
    public Task JOBS009_a_type_that_is_no_context() =>
        Verify<JobsSerializationAnalyzer>.AnalyzerAsync(
            Preamble + "[assembly: JobsSerialization({|#0:Context = typeof(Acme.Settings)|})]\n\nnamespace Acme;\n\ninternal sealed class Settings\n{\n}\n",
            Verify<JobsSerializationAnalyzer>.Diagnostic("JOBS009").WithLocation(0).WithArguments("Acme.Settings", "does not derive from System.Text.Json.Serialization.JsonSerializerContext"));

    [Fact]
    public Task JOBS009_an_array_type() =>
        Verify<JobsSerializationAnalyzer>.AnalyzerAsync(
            Preamble + "[assembly: JobsSerialization(NamingPolicy = JobsNamingPolicy.CamelCase, {|JOBS009:Context = typeof(int[])|})]\n");

    [Fact]
    public Task JOBS009_an_abstract_context() =>
        Verify<JobsSerializationAnalyzer>.AnalyzerAsync(
            Preamble + "[assembly: JobsSerialization({|#0:Context = typeof(Acme.AcmeJsonContext)|})]\n\nnamespace Acme;\n\ninternal abstract class AcmeJsonContext : JsonSerializerContext\n" + ContextBody + "\n",
            Verify<JobsSerializationAnalyzer>.Diagnostic("JOBS009").WithLocation(0).WithArguments("Acme.AcmeJsonContext", "is abstract"));

    [Fact]
    public Task JOBS009_a_generic_context() =>
        Verify<JobsSerializationAnalyzer>.AnalyzerAsync(
            Preamble + "[assembly: JobsSerialization({|#0:Context = typeof(Acme.AcmeJsonContext<>)|})]\n\nnamespace Acme;\n\ninternal sealed class AcmeJsonContext<T> : JsonSerializerContext\n" + ContextBody + "\n",
            Verify<JobsSerializationAnalyzer>.Diagnostic("JOBS009").WithLocation(0).WithArguments("Acme.AcmeJsonContext<T>", "is generic"));

    [Fact]
    public Task JOBS009_a_file_local_context() =>
        Verify<JobsSerializationAnalyzer>.AnalyzerAsync(
            Preamble + "[assembly: JobsSerialization({|#0:Context = typeof(Acme.AcmeJsonContext)|})]\n\nnamespace Acme;\n\nfile sealed class AcmeJsonContext : JsonSerializerContext\n" + ContextBody + "\n",
            Verify<JobsSerializationAnalyzer>.Diagnostic("JOBS009").WithLocation(0).WithArguments("Acme.AcmeJsonContext", "is file-local: generated code, in files of its own, cannot refer to it"));

    [Fact]
    public Task JOBS009_a_usable_context_no_context_or_no_attribute_is_fine() =>
        Verify<JobsSerializationAnalyzer>.AnalyzerAsync(
            [
                Preamble + "[assembly: JobsSerialization(Context = typeof(Acme.AcmeJsonContext))]\n\nnamespace Acme;\n\ninternal sealed class AcmeJsonContext : JsonSerializerContext\n" + ContextBody + "\n",
                "namespace Acme;\n\npublic sealed class Plain\n{\n}\n",
            ]);

    [Fact]
    public Task JOBS009_a_null_context_is_fine() =>
        Verify<JobsSerializationAnalyzer>.AnalyzerAsync(Preamble + "[assembly: JobsSerialization(Context = null)]\n");

    [Fact]
    public Task JOBS016_a_naming_policy_that_is_no_value_of_the_enum() =>
        Verify<JobsSerializationAnalyzer>.AnalyzerAsync(
            Preamble + "[assembly: JobsSerialization({|#0:NamingPolicy = (JobsNamingPolicy)9|})]\n",
            Verify<JobsSerializationAnalyzer>.Diagnostic("JOBS016").WithLocation(0).WithArguments(9));

    [Fact]
    public Task JOBS016_every_defined_naming_policy_is_fine() =>
        Verify<JobsSerializationAnalyzer>.AnalyzerAsync(
            Preamble + "[assembly: JobsSerialization(NamingPolicy = JobsNamingPolicy.KebabCaseUpper)]\n");
}
