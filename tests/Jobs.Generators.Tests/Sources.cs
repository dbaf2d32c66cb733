namespace Jobs.Generators.Tests;

/// <summary>Representative inputs: the handlers people write, and the shapes their payloads take.</summary>
public static class Sources
{
    public const string Email = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Mail;

        public sealed record Recipient(string Name, string Address);

        public sealed record SendEmailArgs(string To, string Subject, Guid TemplateId, DateTimeOffset SendAt, List<string> Cc, Recipient ReplyTo, int? Priority = null);

        [JobTask("send_email", Queue = "mail", MaxAttempts = 5, TimeoutSeconds = 30)]
        public sealed class SendEmailHandler : IJobHandler<SendEmailArgs>
        {
            public Task HandleAsync(SendEmailArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    /// <summary>A payload at version 2 of a deliberate break, read from version 1 through its Upcast.</summary>
    public const string Versioned = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Shipping;

        public sealed record ShipArgsV1(string Address, double WeightKg);

        [JobPayloadVersion(2, Previous = typeof(ShipArgsV1))]
        public sealed record ShipArgs(string Address, int WeightGrams)
        {
            public static ShipArgs Upcast(ShipArgsV1 previous) => new(previous.Address, (int)Math.Round(previous.WeightKg * 1000));
        }

        [JobTask("ship")]
        [Recurring("0 3 * * *", Payload = "{\"address\":\"depot\",\"weight_grams\":0}")]
        public sealed class ShipHandler : IJobHandler<ShipArgs>
        {
            public Task HandleAsync(ShipArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    public const string Recurring = """
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Reports;

        public sealed record CleanupArgs(int Days);

        public sealed record EmptyArgs;

        [JobTask("cleanup", Queue = "maintenance", Priority = 5, MaxAttempts = 3)]
        [Recurring("0 2 * * *", TimeZone = "Europe/Berlin", Payload = "{\"days\": 30}")]
        public sealed class CleanupJob : IJobHandler<CleanupArgs>
        {
            public Task HandleAsync(CleanupArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("heartbeat")]
        [Recurring("*/5 * * * * *", Key = "heartbeat-every-5s")]
        public sealed class HeartbeatHandler : IJobHandler<EmptyArgs>
        {
            public Task HandleAsync(EmptyArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        // JOBS013 reports the cron expression; the generator registers no schedule for it.
        [JobTask("broken")]
        [Recurring("0 25 * * *")]
        public sealed class BrokenHandler : IJobHandler<EmptyArgs>
        {
            public Task HandleAsync(EmptyArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    public const string Shapes = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Shapes;

        public enum Level : byte { Low = 1, High = 2 }

        [JsonConverter(typeof(JsonStringEnumConverter))]
        public enum Status { Open, Closed, [JsonStringEnumMemberName("done!")] Done = 1 }

        public record struct Span(DateOnly From, TimeOnly At, TimeSpan Length);

        public class Audit
        {
            public DateTime CreatedAt { get; init; } = DateTime.UnixEpoch;
        }

        public sealed class Report : Audit
        {
            public required string Title { get; init; }
            public string Owner { get; set; } = "nobody";
            [JsonPropertyName("lvl")] public Level Level { get; set; }
            public Level? Escalation { get; set; }
            public Status State { get; set; }
            [JsonIgnore] public string Secret { get; set; } = "";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Note { get; set; }
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int Retries { get; set; }
            [JsonPropertyOrder(-1)] public long Version { get; set; }
            public int[] Numbers { get; set; } = [];
            public IReadOnlyList<Span> Spans { get; set; } = [];
            public Dictionary<string, decimal> Totals { get; set; } = new();
            public IReadOnlyDictionary<string, List<char>>? Letters { get; set; }
            public byte[]? Attachment { get; set; }
            public bool Flag { get; set; }
            public float Ratio { get; set; }
            public ulong Big { get; set; }
            public Guid? Reference { get; set; }
            public int Total => Numbers.Length;
        }

        internal sealed record Cleanup(string Table, int Days = 30, bool Vacuum = false)
        {
            public string? @class { get; set; }
        }

        [JobTask("report")]
        public sealed class ReportJob : IJobHandler<Report>
        {
            public Task HandleAsync(Report args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("cleanup", Priority = -5)]
        internal sealed class CleanupHandler : IJobHandler<Cleanup>
        {
            Task IJobHandler<Cleanup>.HandleAsync(Cleanup args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    public const string Context = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        [assembly: JobsSerialization(NamingPolicy = JobsNamingPolicy.CamelCase, Context = typeof(Acme.Links.LinksJsonContext))]

        namespace Acme.Links;

        // Hand-written, since the test compiler does not run System.Text.Json's generator.
        internal sealed class LinksJsonContext : JsonSerializerContext
        {
            public LinksJsonContext() : base(null)
            {
            }

            public static LinksJsonContext Default { get; } = new();

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) =>
                type == typeof(Uri) ? JsonMetadataServices.CreateValueInfo<Uri>(Options, JsonMetadataServices.UriConverter) : null;
        }

        public sealed record CrawlArgs(Uri StartAt, int MaxDepth, string? UserAgent, Uri? Referrer);

        [JobTask("crawl")]
        public sealed class CrawlHandler : IJobHandler<CrawlArgs>
        {
            public Task HandleAsync(CrawlArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    /// <summary>Handlers the generator must leave out, beside one good one.</summary>
    public const string BadInput = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Jobs;

        namespace Acme.Bad;

        public sealed record Args(int Value);
        public sealed record Other(string Name);
        public sealed record NeedsContext(Uri Link);

        [JobTask("good")]
        public sealed class GoodHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("good")]
        public sealed class DuplicateNameHandler : IJobHandler<Other>
        {
            public Task HandleAsync(Other args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("abstract")]
        public abstract class AbstractHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("generic")]
        public sealed class GenericHandler<T> : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("not_a_handler")]
        public sealed class NotAHandler
        {
        }

        [JobTask("two_interfaces")]
        public sealed class TwoInterfacesHandler : IJobHandler<Args>, IJobHandler<Other>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            public Task HandleAsync(Other args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("")]
        public sealed class EmptyNameHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("no_context")]
        public sealed class NoContextHandler : IJobHandler<NeedsContext>
        {
            public Task HandleAsync(NeedsContext args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        [JobTask("bad_attempts", MaxAttempts = 0)]
        public sealed class BadAttemptsHandler : IJobHandler<Args>
        {
            public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        public static class Outer
        {
            [JobTask("private_nested")]
            private sealed class HiddenHandler : IJobHandler<Args>
            {
                public Task HandleAsync(Args args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
            }
        }
        """;
}
