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
    // Kept small: a thread that once wrote a huge payload should not hold its buffer forever.
    private const int MaxCachedBufferBytes = 64 * 1024;

    // One writer and buffer per thread, as System.Text.Json pools its own: a payload then costs
    // one exact-size array instead of a writer, a buffer and its regrowths.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes <paramref name="value"/> with <paramref name="write"/> into a new UTF-8 array.</summary>
    public static ReadOnlyMemory<byte> Serialize<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ?? new Utf8JsonWriter(buffer);
        // Taken out while in use, so a nested call on this thread gets its own.
        t_buffer = null;
        t_writer = null;
        try
        {
            writer.Reset(buffer);
            write(writer, value);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity <= MaxCachedBufferBytes)
            {
                t_buffer = buffer;
                t_writer = writer;
            }
        }
    }

    /// <summary>Writes a char as a one-character string.</summary>
    public static void WriteChar(Utf8JsonWriter writer, char value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = [value];
        writer.WriteStringValue(text);
    }

    /// <summary>Writes an Int128 as a JSON number, as System.Text.Json does.</summary>
    public static void WriteInt128(Utf8JsonWriter writer, Int128 value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[48];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteRawValue(text[..written], skipInputValidation: true);
    }

    /// <summary>Writes a UInt128 as a JSON number, as System.Text.Json does.</summary>
    public static void WriteUInt128(Utf8JsonWriter writer, UInt128 value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[48];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteRawValue(text[..written], skipInputValidation: true);
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

    /// <summary>Writes a value, or null, with System.Text.Json through a (source-generated) type info.</summary>
    public static void WriteWith<T>(Utf8JsonWriter writer, T? value, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Serialize(writer, value!, typeInfo);
}
