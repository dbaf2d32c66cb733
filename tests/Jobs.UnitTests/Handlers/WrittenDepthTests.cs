using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Jobs.UnitTests.Handlers;

/// <summary>
/// A value written through a serializer context is written aside and copied in unchecked, so its
/// nesting is added to where it lands: the whole payload still never passes the writer's depth,
/// which the client relies on when it trusts a written payload.
/// </summary>
public sealed partial class WrittenDepthTests
{
    [JsonSerializable(typeof(JsonNode))]
    private sealed partial class NodeContext : JsonSerializerContext;

    [Fact]
    public void A_context_value_that_would_pass_the_writers_depth_where_it_lands_is_refused()
    {
        var twoDeep = JsonNode.Parse("[[1]]")!;

        var fits = JobPayloadWriter.Serialize(twoDeep, (writer, node) => Nest(writer, JobPayloadWriter.MaxDepth - 2, node));
        var error = Assert.Throws<InvalidOperationException>(() =>
            JobPayloadWriter.Serialize(twoDeep, (writer, node) => Nest(writer, JobPayloadWriter.MaxDepth - 1, node)));

        Assert.Equal(JobPayloadWriter.MaxDepth, Depth(fits.Span));
        Assert.Contains($"more than {JobPayloadWriter.MaxDepth} levels deep", error.Message, StringComparison.Ordinal);
    }

    private static void Nest(Utf8JsonWriter writer, int levels, JsonNode node)
    {
        for (var i = 0; i < levels; i++)
        {
            writer.WriteStartArray();
        }
        JobPayloadWriter.WriteWith(writer, node, NodeContext.Default.JsonNode);
        for (var i = 0; i < levels; i++)
        {
            writer.WriteEndArray();
        }
    }

    private static int Depth(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 10_000 });
        var deepest = 0;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                deepest = Math.Max(deepest, reader.CurrentDepth + 1);
            }
        }
        return deepest;
    }
}
