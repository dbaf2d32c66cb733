namespace Jobs.Analyzers.Tests;

/// <summary>Handlers of every kind, good and bad, for the agreement tests.</summary>
public static class AgreementSources
{
    public static string Handlers { get; } = HandlersTemplate
        .Replace("LONG127", new string('a', 127), StringComparison.Ordinal)
        .Replace("LONG126", new string('b', 126), StringComparison.Ordinal);

    private const string HandlersTemplate = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Mixed;

        public enum Level { Low, High }

        [JsonConverter(typeof(JsonStringEnumConverter<Color>))]
        public enum Color { Red, Green }

        public sealed record Address(string Street, string? City, Point? Where);
        public sealed record Rich(
            int Count, long? Big, string Name, Guid Id, DateTimeOffset At, DateOnly Day, TimeSpan Span, byte[] Blob,
            Level Level, Color Color, List<string> Tags, Dictionary<string, int> Scores, Address Home, IReadOnlyList<Address> Others);
        public sealed class WithInit
        {
            public string Name { get; init; } = "";
            public required int Size { get; set; }
        }
        public struct Point
        {
            public int X { get; set; }
            public int Y { get; set; }
        }
        public sealed record Args(int Value);
        public class Hidden
        {
            [JsonInclude] public string Secret { get; private set; } = "";
            [JsonInclude] private int Count { get; set; }
            [JsonConstructor] private Hidden(string secret) { Secret = secret; }
        }
        public sealed class Box<T>
        {
            [JsonInclude] public T Value { get; private set; } = default!;
        }
        public sealed record Other(string Name);
        public sealed record HasUri(Uri Link);
        public sealed record Deep(List<HasUri> Items);
        public sealed class NoConstructor
        {
            public NoConstructor(int a) { A = a; }
            public NoConstructor(string b) { A = b.Length; }
            public int A { get; }
        }
        public abstract class Shape
        {
            public int Sides { get; set; }
        }
        public interface IThing
        {
            int Weight { get; }
        }

        [JobTask("rich", Queue = "mail", Priority = -5, MaxAttempts = 3, TimeoutSeconds = 60)]
        public sealed class RichHandler : IJobHandler<Rich>
        {
            public Task HandleAsync(Rich args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("hidden")]
        public sealed class HiddenHandler : IJobHandler<Hidden>
        {
            public Task HandleAsync(Hidden args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("box")]
        public sealed class BoxHandler : IJobHandler<Box<int>>
        {
            public Task HandleAsync(Box<int> args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("init")]
        internal sealed class InitHandler : IJobHandler<WithInit>
        {
            public Task HandleAsync(WithInit args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("point")]
        public sealed class PointJob : IJobHandler<Point>
        {
            public Task HandleAsync(Point args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("primitive")]
        public sealed class CountHandler : IJobHandler<int>
        {
            public Task HandleAsync(int args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("list")]
        public sealed class ListHandler : IJobHandler<List<Args>>
        {
            public Task HandleAsync(List<Args> args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        public abstract class HandlerBase : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("inherited")]
        public sealed class InheritedHandler : HandlerBase
        {
        }

        public sealed class Outer
        {
            [JobTask("nested_public")]
            public sealed class NestedHandler : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            [JobTask("nested_protected_internal")]
            protected internal sealed class ProtectedInternalHandler : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            [JobTask("nested_private")]
            private sealed class PrivateHandler : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            [JobTask("nested_protected")]
            protected sealed class ProtectedHandler : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            private sealed class Hidden
            {
                [JobTask("hidden_by_container")]
                public sealed class InsideHiddenHandler : IJobHandler<Args>
                {
                    public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
                }
            }

            private sealed record Secret(int Code);

            [JobTask("secret_payload")]
            public sealed class SecretPayloadHandler : IJobHandler<Secret>
            {
                Task IJobHandler<Secret>.HandleAsync(Secret args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
        }

        public sealed class Container<T>
        {
            [JobTask("inside_generic")]
            public sealed class InsideGenericHandler : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
        }

        [JobTask("generic")]
        public sealed class GenericHandler<T> : IJobHandler<T>
        {
            public Task HandleAsync(T args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("abstract")]
        public abstract class AbstractHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("file_local")]
        file sealed class FileLocalHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("record")]
        public sealed record RecordHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("no_interface")]
        public sealed class NoInterfaceHandler
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("two_interfaces")]
        public sealed class TwoInterfacesHandler : IJobHandler<Args>, IJobHandler<Other>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            public Task HandleAsync(Other args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("one_inherited_one_own")]
        public sealed class InheritedAndOwnHandler : HandlerBase, IJobHandler<Other>
        {
            public Task HandleAsync(Other args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("duplicate")]
        public sealed class FirstDuplicateHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("duplicate")]
        public sealed class SecondDuplicateHandler : IJobHandler<Other>
        {
            public Task HandleAsync(Other args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("")]
        public sealed class EmptyNameHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("LONG127")]
        public sealed class LongNameHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("LONG126")]
        public sealed class LongestNameHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("empty_queue", Queue = "")]
        public sealed class EmptyQueueHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("null_queue", Queue = null)]
        public sealed class NullQueueHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("zero_attempts", MaxAttempts = 0)]
        public sealed class ZeroAttemptsHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("negative_timeout", TimeoutSeconds = -1)]
        public sealed class NegativeTimeoutHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("zero_timeout", TimeoutSeconds = 0)]
        public sealed class ZeroTimeoutHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("uri")]
        public sealed class UriHandler : IJobHandler<HasUri>
        {
            public Task HandleAsync(HasUri args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("deep_uri")]
        public sealed class DeepHandler : IJobHandler<Deep>
        {
            public Task HandleAsync(Deep args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("hash_set")]
        public sealed class HashSetHandler : IJobHandler<HashSet<int>>
        {
            public Task HandleAsync(HashSet<int> args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("no_constructor")]
        public sealed class NoConstructorHandler : IJobHandler<NoConstructor>
        {
            public Task HandleAsync(NoConstructor args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("shape")]
        public sealed class ShapeHandler : IJobHandler<Shape>
        {
            public Task HandleAsync(Shape args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("thing")]
        public sealed class ThingHandler : IJobHandler<IThing>
        {
            public Task HandleAsync(IThing args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("send_mail")]
        public sealed class SendHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("send_sms")]
        public sealed class SendJob : IJobHandler<Other>
        {
            public Task HandleAsync(Other args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    /// <summary>A context (hand-written: the test compiler does not run System.Text.Json's generator) covering Uri and NoConstructor, not HashSet&lt;int&gt;.</summary>
    public const string Context = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;

        [assembly: Jobs.JobsSerialization(Context = typeof(Acme.Mixed.MixedJsonContext))]

        namespace Acme.Mixed;

        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
        [JsonSerializable(typeof(HasUri))]
        [JsonSerializable(typeof(NoConstructor))]
        [JsonSerializable(typeof(Shape))]
        [JsonSerializable(typeof(IThing))]
        internal sealed class MixedJsonContext : JsonSerializerContext
        {
            public MixedJsonContext() : base(null)
            {
            }

            public static MixedJsonContext Default { get; } = new();

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    /// <summary>Context names a type that is no JsonSerializerContext: the generator ignores it.</summary>
    public const string NotAContext = """
        [assembly: Jobs.JobsSerialization(Context = typeof(Acme.Mixed.NotAContext))]

        namespace Acme.Mixed;

        internal sealed class NotAContext
        {
        }
        """;
}
