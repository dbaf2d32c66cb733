using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Jobs;

/// <summary>
/// The writes of generated payload writers that <see cref="Utf8JsonWriter"/> has no overload
/// for, formatted exactly as System.Text.Json's default converters format them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JobPayloadWriter
{
    /// <summary>Writes <paramref name="value"/> with <paramref name="write"/> into a new UTF-8 buffer.</summary>
    public static ReadOnlyMemory<byte> Serialize<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }
        return buffer.WrittenMemory;
    }

    /// <summary>Writes a char as a one-character string.</summary>
    public static void WriteChar(Utf8JsonWriter writer, char value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = [value];
        writer.WriteStringValue(text);
    }

    /// <summary>Writes a date as <c>yyyy-MM-dd</c>.</summary>
    public static void WriteDateOnly(Utf8JsonWriter writer, DateOnly value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[10];
        value.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Writes a time of day as <c>HH:mm:ss[.fffffff]</c>.</summary>
    public static void WriteTimeOnly(Utf8JsonWriter writer, TimeOnly value) => WriteTimeSpan(writer, value.ToTimeSpan());

    /// <summary>Writes a TimeSpan in the constant ("c") format.</summary>
    public static void WriteTimeSpan(Utf8JsonWriter writer, TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var written, "c", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Writes bytes as a base64 string, or null.</summary>
    public static void WriteBytes(Utf8JsonWriter writer, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteBase64StringValue(value);
        }
    }

    /// <summary>Writes a value with System.Text.Json through a (source-generated) type info.</summary>
    public static void WriteWith<T>(Utf8JsonWriter writer, T value, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Serialize(writer, value, typeInfo);
}
