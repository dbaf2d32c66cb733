namespace Jobs.Analyzers.Tests;

/// <summary>
/// JOBS020: payload types System.Text.Json refuses get no code from the generator and the error from
/// the analyzers, with or without a JsonSerializerContext; their near misses get code and no diagnostic.
/// </summary>
public sealed class AgreementRefusedTests
{
    private const string Sources = """
        using System;
        using System.Diagnostics.CodeAnalysis;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Mixed;

        public class WhenNull
        {
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int Count { get; set; }
        }
        public class WhenNullNullable
        {
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Count { get; set; }
        }
        public class RequiredIgnored
        {
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public required int A { get; set; }
            [JsonIgnore] public required int B { get; set; }
        }
        public class RequiredSet
        {
            [SetsRequiredMembers] public RequiredSet() { A = 1; }
            [JsonIgnore] public required int A { get; set; }
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public required int B { get; set; }
        }
        public class Collision
        {
            [JsonPropertyName("x")] public int P { get; set; }
            public int X { get; set; }
        }
        public class NoCollision
        {
            [JsonPropertyName("x"), JsonIgnore] public int P { get; set; }
            public int X { get; set; }
        }
        public class Outer
        {
            public Collision? Inner { get; set; }
        }

        [JobTask("when_null")]
        public sealed class WhenNullHandler : IJobHandler<WhenNull>
        {
            public Task HandleAsync(WhenNull args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("when_null_nullable")]
        public sealed class WhenNullNullableHandler : IJobHandler<WhenNullNullable>
        {
            public Task HandleAsync(WhenNullNullable args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("required_ignored")]
        public sealed class RequiredIgnoredHandler : IJobHandler<RequiredIgnored>
        {
            public Task HandleAsync(RequiredIgnored args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("required_set")]
        public sealed class RequiredSetHandler : IJobHandler<RequiredSet>
        {
            public Task HandleAsync(RequiredSet args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("collision")]
        public sealed class CollisionHandler : IJobHandler<Collision>
        {
            public Task HandleAsync(Collision args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("no_collision")]
        public sealed class NoCollisionHandler : IJobHandler<NoCollision>
        {
            public Task HandleAsync(NoCollision args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("outer")]
        public sealed class OuterHandler : IJobHandler<Outer>
        {
            public Task HandleAsync(Outer args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private const string Context = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using Jobs;

        [assembly: JobsSerialization(Context = typeof(Acme.Mixed.MixedJsonContext))]

        namespace Acme.Mixed;

        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
        [JsonSerializable(typeof(WhenNull))]
        [JsonSerializable(typeof(Collision))]
        internal sealed class MixedJsonContext : JsonSerializerContext
        {
            public MixedJsonContext() : base(null)
            {
            }

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    [Fact]
    public async Task Refused_types_are_judged_alike()
    {
        var outcome = await AgreementTests.RunAsync(Sources);

        outcome.AssertAgreement();
        Assert.Equal(["NoCollisionHandler", "RequiredSetHandler", "WhenNullNullableHandler"], outcome.Generated.Order(StringComparer.Ordinal));
        Assert.Equal(["JOBS020"], outcome.DiagnosticsOf["WhenNullHandler"].Select(d => d.Id));
        Assert.Equal(["JOBS020", "JOBS020"], outcome.DiagnosticsOf["RequiredIgnoredHandler"].Select(d => d.Id));
        Assert.Equal(["JOBS020"], outcome.DiagnosticsOf["CollisionHandler"].Select(d => d.Id));
        Assert.Equal(["JOBS020"], outcome.DiagnosticsOf["OuterHandler"].Select(d => d.Id));
    }

    [Fact]
    public async Task A_context_changes_nothing()
    {
        var outcome = await AgreementTests.RunAsync(Sources, Context);

        outcome.AssertAgreement();
        Assert.Equal(["NoCollisionHandler", "RequiredSetHandler", "WhenNullNullableHandler"], outcome.Generated.Order(StringComparer.Ordinal));
        Assert.Equal(["JOBS020"], outcome.DiagnosticsOf["WhenNullHandler"].Select(d => d.Id));
        Assert.Equal(["JOBS020"], outcome.DiagnosticsOf["OuterHandler"].Select(d => d.Id));
    }
}
