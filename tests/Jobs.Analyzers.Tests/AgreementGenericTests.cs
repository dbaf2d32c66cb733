namespace Jobs.Analyzers.Tests;

/// <summary>
/// Issue 10: generic payload types with non-public and init members, judged alike by the generator
/// and the analyzers, and the generated accessor classes compile (constraints copied included).
/// </summary>
public sealed class AgreementGenericTests
{
    private const string Sources = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Mixed;

        public class Box<T>
        {
            [JsonInclude] public T Value { get; private set; } = default!;
            [JsonInclude] private T _hidden = default!;
            public T Init { get; init; } = default!;
            public T Peek() => _hidden;
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
            [JsonConstructor] private Made(T item, T? other) { Item = item; }
            public T Item { get; }
            public T? Other { get; }
        }
        public class Outer<A>
        {
            public sealed class Inner<B> where B : unmanaged
            {
                [JsonInclude] public A? First { get; private set; }
                [JsonInclude] private B _second;
                public B Second() => _second;
            }
        }
        public class GenericBase<T>
        {
            [JsonInclude] public List<T> Items { get; protected set; } = new();
        }
        public sealed class Derived : GenericBase<string>
        {
            public required int Own { get; init; }
        }
        public sealed class RequiredBox<T>
        {
            public required T Skipped = default!;
            [JsonInclude] public T Kept = default!;
        }

        [JobTask("box")]
        public sealed class BoxHandler : IJobHandler<Box<Box<int?>>>
        {
            public Task HandleAsync(Box<Box<int?>> args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("pair")]
        public sealed class PairHandler : IJobHandler<Pair<int, string?>?>
        {
            public Task HandleAsync(Pair<int, string?>? args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("made")]
        public sealed class MadeHandler : IJobHandler<Made<string>>
        {
            public Task HandleAsync(Made<string> args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("inner")]
        public sealed class InnerHandler : IJobHandler<Outer<string>.Inner<long>>
        {
            public Task HandleAsync(Outer<string>.Inner<long> args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("derived")]
        public sealed class DerivedHandler : IJobHandler<Derived>
        {
            public Task HandleAsync(Derived args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("required_box")]
        public sealed class RequiredBoxHandler : IJobHandler<RequiredBox<Guid>>
        {
            public Task HandleAsync(RequiredBox<Guid> args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    [Fact]
    public async Task Generic_types_are_judged_alike()
    {
        var outcome = await AgreementTests.RunAsync(Sources);

        outcome.AssertAgreement();
        Assert.Equal(
            ["BoxHandler", "DerivedHandler", "InnerHandler", "MadeHandler", "PairHandler", "RequiredBoxHandler"],
            outcome.Generated.Order(StringComparer.Ordinal));
        Assert.All(outcome.DiagnosticsOf.Values, Assert.Empty);
    }
}
