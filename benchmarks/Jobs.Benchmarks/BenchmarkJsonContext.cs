using System.Text.Json.Serialization;

namespace JobsBench;

/// <summary>System.Text.Json's own source generation, with the same snake_case names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EmailPayload))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
