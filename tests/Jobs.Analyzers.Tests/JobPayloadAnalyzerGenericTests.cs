using System.Collections.Immutable;
using Jobs.Analyzers.Tests.Infrastructure;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Jobs.Analyzers.Tests;

/// <summary>
/// Issue 10: non-public and init members of generic payload types. On .NET 9+ the generated code
/// reaches them through [UnsafeAccessor] declared over the type's own type parameters: no JOBS017.
/// </summary>
public sealed class JobPayloadAnalyzerGenericTests
{
    private const string Preamble = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        """;

    private static string Handler(string args) => $$"""

        [JobTask("send")]
        public sealed class SendHandler : IJobHandler<{{args}}>
        {
            public Task HandleAsync({{args}} args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Verify<JobPayloadAnalyzer>.AnalyzerAsync(Preamble + source, expected);

    [Fact]
    public Task A_non_public_accessor_of_a_generic_type_needs_nothing() =>
        VerifyAsync(
            """
            public sealed class Box<T>
            {
                [JsonInclude] public T Value { get; private set; } = default!;
                [JsonInclude] private T _field = default!;
                public T Peek() => _field;
            }
            """ + Handler("Box<int>"));

    [Fact]
    public Task An_init_accessor_of_a_generic_type_needs_nothing() =>
        VerifyAsync(
            """
            public sealed class Box<T>
            {
                public T Value { get; init; } = default!;
            }
            """ + Handler("Box<List<Box<string>>>"));

    [Fact]
    public Task A_private_JsonConstructor_of_a_constrained_generic_struct_needs_nothing() =>
        VerifyAsync(
            """
            public struct Pair<TKey, TValue>
                where TKey : notnull, IComparable<TKey>
                where TValue : class, new()
            {
                [JsonConstructor] private Pair(TKey key, TValue value) { Key = key; Value = value; }
                public TKey Key { get; }
                public TValue Value { get; }
            }
            public sealed class Item { public int N { get; set; } }
            """ + Handler("Pair<int, Item>"));

    [Fact]
    public Task Members_of_a_generic_type_nested_in_a_generic_type_need_nothing() =>
        VerifyAsync(
            """
            public class Outer<A>
            {
                public sealed class Inner<B>
                {
                    [JsonInclude] public A First { get; private set; } = default!;
                    [JsonInclude] private B _second = default!;
                    public B Second() => _second;
                }
            }
            """ + Handler("Outer<int>.Inner<string>"));

    // JOBS017's remaining branches need a target framework the test host is not: a core library
    // without UnsafeAccessorAttribute (netstandard2.0, net7.0), or one of version 8 (net8.0, whose
    // runtime binds no accessor of a generic type). A minimal core library compiled here stands in
    // for each; Jobs' and System.Text.Json's attributes are declared in source, as the generator and
    // the analyzers match them by name.

    private const string Payloads = """
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme;

        public sealed class Plain
        {
            [JsonInclude] private int _count;
            public int Count() => _count;
        }
        public sealed class Box<T>
        {
            [JsonInclude] public T Value { get; private set; } = default!;
        }
        public sealed class Open
        {
            public int Value { get; set; }
        }

        [JobTask("plain")]
        public sealed class PlainHandler : IJobHandler<Plain>
        {
            public Task HandleAsync(Plain args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("box")]
        public sealed class BoxHandler : IJobHandler<Box<int>>
        {
            public Task HandleAsync(Box<int> args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("open")]
        public sealed class OpenHandler : IJobHandler<Open>
        {
            public Task HandleAsync(Open args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private const string Stubs = """
        namespace Jobs
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class JobTaskAttribute : System.Attribute
            {
                public JobTaskAttribute(string name) { }
            }
            public sealed class JobContext { }
            public interface IJobHandler<TArgs>
            {
                System.Threading.Tasks.Task HandleAsync(TArgs args, JobContext context, System.Threading.CancellationToken cancellationToken);
            }
        }
        namespace System.Text.Json.Serialization
        {
            [System.AttributeUsage(System.AttributeTargets.All)]
            public sealed class JsonIncludeAttribute : System.Attribute { }
        }
        """;

    [Fact]
    public async Task JOBS017_without_UnsafeAccessor_on_the_target_framework()
    {
        var (generated, diagnostics) = await RunOnCoreLibraryAsync("7.0.0.0", withUnsafeAccessor: false);

        const string Problem = "the target framework has no [UnsafeAccessor] (.NET 8 or later has)";
        Assert.Equal(
            [
                "BoxHandler: Property 'Value' of 'Acme.Box<int>' in the payload of 'BoxHandler' is read or written by System.Text.Json, but generated code cannot reach it: " + Problem + "; the generator emits no code for this handler",
                "PlainHandler: Field '_count' of 'Acme.Plain' in the payload of 'PlainHandler' is read or written by System.Text.Json, but generated code cannot reach it: " + Problem + "; the generator emits no code for this handler",
            ],
            diagnostics);
        Assert.Equal(["OpenHandler"], generated);
    }

    [Fact]
    public async Task JOBS017_for_a_generic_type_on_NET_8()
    {
        var (generated, diagnostics) = await RunOnCoreLibraryAsync("8.0.0.0", withUnsafeAccessor: true);

        Assert.Equal(
            ["BoxHandler: Property 'Value' of 'Acme.Box<int>' in the payload of 'BoxHandler' is read or written by System.Text.Json, but generated code cannot reach it: the target framework's [UnsafeAccessor] does not reach members of generic types (.NET 9 or later does); the generator emits no code for this handler"],
            diagnostics);
        Assert.Equal(["OpenHandler", "PlainHandler"], generated);
    }

    [Fact]
    public async Task No_JOBS017_for_a_generic_type_on_NET_9()
    {
        var (generated, diagnostics) = await RunOnCoreLibraryAsync("9.0.0.0", withUnsafeAccessor: true);

        Assert.Empty(diagnostics);
        Assert.Equal(["BoxHandler", "OpenHandler", "PlainHandler"], generated);
    }

    /// <summary>JOBS017 messages as "Handler: message", and the handlers the generator registered (by their task's dispatch), over a stand-in core library.</summary>
    private static async Task<(List<string> Generated, List<string> Diagnostics)> RunOnCoreLibraryAsync(string version, bool withUnsafeAccessor)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var coreLibrary = CSharpCompilation.Create(
            "System.Runtime",
            [CSharpSyntaxTree.ParseText(CoreLibrary(version, withUnsafeAccessor), parseOptions)],
            [],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        using var image = new MemoryStream();
        var emitted = coreLibrary.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var input = CSharpCompilation.Create(
            "Acme.Old",
            [CSharpSyntaxTree.ParseText(Stubs, parseOptions), CSharpSyntaxTree.ParseText(Payloads, parseOptions)],
            [MetadataReference.CreateFromImage(image.ToArray())],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Equal(version, input.GetSpecialType(SpecialType.System_Object).ContainingAssembly.Identity.Version.ToString());
        Assert.Equal(withUnsafeAccessor, input.GetTypeByMetadataName("System.Runtime.CompilerServices.UnsafeAccessorAttribute") is not null);

        var driver = CSharpGeneratorDriver.Create([new JobsGenerator().AsSourceGenerator()], parseOptions: parseOptions).RunGenerators(input);
        var dispatcher = driver.GetRunResult().Results.Single().GeneratedSources.SingleOrDefault(s => s.HintName == "Jobs.Dispatcher.g.cs").SourceText?.ToString() ?? "";
        var generated = new[] { "BoxHandler", "OpenHandler", "PlainHandler" }
            .Where(handler => dispatcher.Contains("global::Acme." + handler, StringComparison.Ordinal))
            .ToList();

        var diagnostics = await input.WithAnalyzers([new JobPayloadAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var messages = diagnostics
            .Where(d => d.Id == "JOBS017")
            .Select(d => Handler(d) + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.All(diagnostics, d => Assert.Equal("JOBS017", d.Id));
        return (generated, messages);

        static string Handler(Diagnostic diagnostic)
        {
            var text = diagnostic.Location.SourceTree!.GetText().ToString();
            var line = text[..diagnostic.Location.SourceSpan.Start].LastIndexOf("public sealed class ", StringComparison.Ordinal);
            return text[(line + "public sealed class ".Length)..].Split(' ')[0];
        }
    }

    private static string CoreLibrary(string version, bool withUnsafeAccessor) => $$"""
        [assembly: System.Reflection.AssemblyVersion("{{version}}")]

        namespace System
        {
            public class Object
            {
                public Object() { }
                public virtual bool Equals(object? obj) => false;
                public virtual int GetHashCode() => 0;
                public virtual string? ToString() => null;
            }
            public abstract class ValueType { }
            public abstract class Enum : ValueType { }
            public struct Void { }
            public struct Boolean { }
            public struct Char { }
            public struct Byte { }
            public struct Int16 { }
            public struct Int32 { }
            public struct Int64 { }
            public struct Single { }
            public struct Double { }
            public struct IntPtr { }
            public struct UIntPtr { }
            public struct Nullable<T> where T : struct { }
            public struct RuntimeTypeHandle { }
            public struct RuntimeFieldHandle { }
            public struct RuntimeMethodHandle { }
            public sealed class String { }
            public abstract class Type { }
            public abstract class Array { }
            public abstract class Delegate { }
            public abstract class MulticastDelegate : Delegate { }
            public class Attribute { }
            public class Exception { }
            public interface IDisposable { void Dispose(); }
            public enum AttributeTargets { Assembly = 1, Class = 4, Struct = 8, Method = 64, Property = 128, Field = 256, Parameter = 2048, All = 32767 }
            [AttributeUsage(AttributeTargets.Class)]
            public sealed class AttributeUsageAttribute : Attribute
            {
                public AttributeUsageAttribute(AttributeTargets validOn) { }
                public bool AllowMultiple { get; set; }
                public bool Inherited { get; set; }
            }
        }
        namespace System.Reflection
        {
            public sealed class AssemblyVersionAttribute : Attribute
            {
                public AssemblyVersionAttribute(string version) { }
            }
        }
        namespace System.Threading
        {
            public struct CancellationToken { }
        }
        namespace System.Threading.Tasks
        {
            public class Task
            {
                public static Task CompletedTask => new();
            }
        }
        namespace System.Runtime.CompilerServices
        {
            public static class IsExternalInit { }
            {{(withUnsafeAccessor ? "public enum UnsafeAccessorKind { Constructor, Method, StaticMethod, Field, StaticField }\n    public sealed class UnsafeAccessorAttribute : Attribute { public UnsafeAccessorAttribute(UnsafeAccessorKind kind) { } public string? Name { get; set; } }" : "")}}
        }
        """;
}
