using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Jobs.Cli.Output;

/// <summary>
/// Writes JSON with <see cref="Utf8JsonWriter"/> (no reflection, so trimming and NativeAOT keep
/// working): one compact value per line, as scripts and <c>jq</c> read them.
/// </summary>
internal static class JsonLines
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the value <paramref name="write"/> produces as one line of <paramref name="output"/>.</summary>
    public static Task WriteAsync(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            write(writer);
        }
        return output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary><paramref name="json"/> indented for people; as it is when it is not valid JSON.</summary>
    public static string Indent(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.WriteTo(writer);
            }
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.ToUniversalTime());
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteNullableString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteIds(this Utf8JsonWriter writer, string name, IEnumerable<long> ids)
    {
        writer.WriteStartArray(name);
        foreach (var id in ids)
        {
            writer.WriteNumberValue(id);
        }
        writer.WriteEndArray();
    }
}
