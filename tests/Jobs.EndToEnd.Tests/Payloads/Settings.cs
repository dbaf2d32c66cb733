using System.Text.Json.Serialization;

namespace Jobs.EndToEnd.Tests.Payloads;

/// <summary>A class with setters, init accessors with initializers, required members and the JSON attributes.</summary>
public sealed class Settings
{
    public string Name { get; set; } = "default name";

    public int Retries { get; init; } = 3;

    public required string Owner { get; init; }

    [JsonPropertyName("ttl_sec")]
    public int TimeToLive { get; set; }

    [JsonIgnore]
    public string Secret { get; set; } = "hidden";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; set; }

    [JsonPropertyOrder(-1)]
    public long Version { get; set; }

    public List<string> Labels { get; set; } = ["initial"];

    [JsonPropertyName("naïve <é>")]
    public string? Fancy { get; set; }

    /// <summary>Get-only: written, and its JSON value skipped on reading.</summary>
    public int DoubleRetries => Retries * 2;
}
