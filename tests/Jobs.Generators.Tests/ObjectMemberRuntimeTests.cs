using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobs.Generators.Tests;

/// <summary>What JOBS019 says about object-typed values served by a source-generated context, checked on a real one.</summary>
public sealed partial class ObjectMemberRuntimeTests
{
    public sealed record Known(int Id);

    public sealed record Unknown(int Id);

    [JsonSerializable(typeof(object))]
    [JsonSerializable(typeof(Known))]
    [JsonSerializable(typeof(JsonElement))]
    internal sealed partial class ObjectContext : JsonSerializerContext;

    [Fact]
    public void The_run_time_type_is_written_through_the_context() =>
        Assert.Equal("""{"Id":1}""", JsonSerializer.Serialize<object>(new Known(1), ObjectContext.Default.Object));

    [Fact]
    public void A_type_the_context_does_not_know_throws_NotSupportedException() =>
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize<object>(new Unknown(1), ObjectContext.Default.Object));

    [Fact]
    public void Reading_gives_a_JsonElement_and_a_JsonElement_round_trips()
    {
        var read = JsonSerializer.Deserialize("""{"Id":1}""", ObjectContext.Default.Object);
        var element = Assert.IsType<JsonElement>(read);
        Assert.Equal("""{"Id":1}""", JsonSerializer.Serialize<object>(element, ObjectContext.Default.Object));
    }
}
