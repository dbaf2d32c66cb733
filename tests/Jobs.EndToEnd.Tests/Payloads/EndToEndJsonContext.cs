using System.Text.Json.Serialization;

[assembly: Jobs.JobsSerialization(NamingPolicy = Jobs.JobsNamingPolicy.SnakeCaseLower, Context = typeof(Jobs.EndToEnd.Tests.Payloads.EndToEndJsonContext))]

namespace Jobs.EndToEnd.Tests.Payloads;

/// <summary>System.Text.Json's source generation for the payload members the generated serializers do not handle.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Uri))]
[JsonSerializable(typeof(HashSet<string>))]
[JsonSerializable(typeof(HashSet<FidelityLine>))]
internal sealed partial class EndToEndJsonContext : JsonSerializerContext;
