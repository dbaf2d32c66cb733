using System.Text.Json.Serialization;

namespace Jobs.EndToEnd.Tests.Payloads;

/// <summary>An enum System.Text.Json writes as names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Mood>))]
public enum Mood
{
    Happy,
    Sad,
    [JsonStringEnumMemberName("so-so")]
    Meh,
    Grumpy = 10,
}
