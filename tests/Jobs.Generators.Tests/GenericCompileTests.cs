using System.Reflection;
using System.Runtime.Loader;
using Jobs.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Jobs.Generators.Tests;

/// <summary>
/// Issue 10: the accessor classes emitted for generic payload types (over the types' own type
/// parameters, constraints copied) and for fields compile with every warning an error, and bind at
/// run time: a round trip through the generated serializer keeps every non-public value.
/// </summary>
public sealed class GenericCompileTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Generic;

        public class Box<T>
        {
            [JsonInclude] public T Value { get; private set; } = default!;
            [JsonInclude] private T _hidden = default!;
            public T Init { get; init; } = default!;
            public static Box<T> Of(T value, T hidden, T init) => new() { Value = value, _hidden = hidden, Init = init };
            public T Hidden() => _hidden;
        }
        public struct Pair<TKey, TValue>
            where TKey : struct, IComparable<TKey>
            where TValue : class?
        {
            [JsonInclude] public TKey Key { get; private set; }
            [JsonInclude] private TValue _value;
            public Pair(TKey key, TValue value) { Key = key; _value = value; }
            public TValue Peek() => _value;
        }
        public sealed class Made<T>
            where T : notnull
        {
            [JsonConstructor] private Made(T item) { Item = item; }
            public T Item { get; }
            public static Made<T> Of(T item) => new(item);
        }
        public class Outer<A>
        {
            public sealed class Inner<B> where B : unmanaged
            {
                [JsonInclude] public A? First { get; private set; }
                [JsonInclude] private B _second;
                public static Inner<B> Of(A first, B second) => new() { First = first, _second = second };
                public B Second() => _second;
            }
        }
        public class Fields
        {
            [JsonInclude] private readonly int _readOnly;
            [JsonInclude] protected string Protected = "";
            public required string Skipped = "kept";
            public Fields() { }
            public Fields(int readOnly, string @protected) { _readOnly = readOnly; Protected = @protected; }
            public string Peek() => _readOnly + Protected + Skipped;
        }
        public sealed record Args(Box<Box<int?>> Box, Pair<int, string?>? Pair, Made<string> Made, Outer<string>.Inner<long> Inner, Fields Fields);

        [JobTask("generic")]
        public sealed class GenericHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        public static class Probe
        {
            public static string Run()
            {
                var args = new Args(
                    Box<Box<int?>>.Of(Box<int?>.Of(1, 2, null), Box<int?>.Of(3, null, 4), Box<int?>.Of(5, 6, 7)),
                    new Pair<int, string?>(8, "nine"),
                    Made<string>.Of("ten"),
                    Outer<string>.Inner<long>.Of("eleven", 12),
                    new Fields(13, "fourteen") { Skipped = "set" });
                var json = Jobs.Generated.AcmeGenericJobPayloads.SerializeArgs(args);
                var back = Jobs.Generated.AcmeGenericJobPayloads.DeserializeArgs(json.Span);
                return Encoding.UTF8.GetString(json.Span) + "|"
                    + back.Box.Hidden().Value + "," + back.Box.Init.Init + "," + back.Pair!.Value.Peek() + "," + back.Made.Item + ","
                    + back.Inner.First + "," + back.Inner.Second() + "," + back.Fields.Peek();
            }
        }
        """;

    [Fact]
    public void Generic_accessor_classes_compile_without_warnings_and_bind_at_run_time()
    {
        var input = GeneratorHarness.Compilation("Acme.Generic", Source);

        var (files, output) = GeneratorHarness.Run(input);

        GeneratorHarness.AssertCompilesCleanly(output);
        var payloads = files["Jobs.Payloads.g.cs"];
        Assert.Contains("private static class AccessorsPairOfInt32AndString<TKey, TValue> where TKey : struct, global::System.IComparable<TKey> where TValue : class?", payloads, StringComparison.Ordinal);
        Assert.Contains("private static class AccessorsOuterOfString_InnerOfInt64<A, B> where B : unmanaged", payloads, StringComparison.Ordinal);
        var result = (string)Load(output).GetType("Acme.Generic.Probe")!.GetMethod("Run")!.Invoke(null, null)!;
        Assert.Equal(
            """{"box":{"value":{"value":1,"init":null,"_hidden":2},"init":{"value":5,"init":7,"_hidden":6},"_hidden":{"value":3,"init":4,"_hidden":null}},"pair":{"key":8,"_value":"nine"},"made":{"item":"ten"},"inner":{"first":"eleven","_second":12},"fields":{"_read_only":13,"protected":"fourteen"}}"""
            + "|3,7,nine,ten,eleven,12,0fourteenkept",
            result);
    }

    private static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(image);
    }
}
