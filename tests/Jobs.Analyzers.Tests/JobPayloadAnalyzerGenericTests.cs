using Jobs.Analyzers.Tests.Infrastructure;
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
}
