using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Jobs;

/// <summary>
/// The writes of generated payload writers that <see cref="Utf8JsonWriter"/> has no overload
/// for, formatted exactly as System.Text.Json's default converters format them, and the writes of
/// caller text, which refuse a lone surrogate: <see cref="Utf8JsonWriter"/> would write it as
/// <c>\uFFFD</c>, exactly as it writes a genuine U+FFFD, so the change could never be seen again.
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

    // The same for the values a JsonSerializerContext writes, which are checked before they are copied in.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_contextBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_contextWriter;

    /// <summary>
    /// The deepest nesting a written payload reaches (System.Text.Json's writer default, and
    /// <see cref="JobLimits.DefaultPayloadDepth"/>); deeper, the writer throws. The client trusts
    /// written payloads within its own limit only when that limit is at least this.
    /// </summary>
    public const int MaxDepth = JobLimits.DefaultPayloadDepth;

    private static readonly JsonWriterOptions WriterOptions = new() { MaxDepth = MaxDepth };

    /// <summary>The parameter a refused payload is blamed on: the generated enqueue methods' <c>args</c>.</summary>
    internal const string ParameterName = "args";

    /// <summary>Writes <paramref name="value"/> with <paramref name="write"/> into a new UTF-8 array.</summary>
    /// <exception cref="ArgumentException">A string, char or dictionary key holds a lone surrogate; the message names its JSON path.</exception>
    public static ReadOnlyMemory<byte> Serialize<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ?? new Utf8JsonWriter(buffer, WriterOptions);
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
        catch (LoneSurrogateException ex)
        {
            // Rare, so the path is found only now: the JSON written so far ends where the value would go.
            writer.Flush();
            throw new ArgumentException(ex.Describe(ex.PathAfter(buffer.WrittenSpan)), ParameterName);
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

    /// <summary>Writes a property whose value is a string, or null.</summary>
    /// <exception cref="ArgumentException">The string holds a lone surrogate.</exception>
    public static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Check(value, name.Value);
        writer.WriteString(name, value);
    }

    /// <summary>Writes a string, or null.</summary>
    /// <exception cref="ArgumentException">The string holds a lone surrogate.</exception>
    public static void WriteStringValue(Utf8JsonWriter writer, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Check(value, property: null);
        writer.WriteStringValue(value);
    }

    /// <summary>Writes a dictionary key.</summary>
    /// <exception cref="ArgumentException">The key holds a lone surrogate.</exception>
    public static void WritePropertyName(Utf8JsonWriter writer, string key)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(key);
        if (InputText.FindLoneSurrogate(key) is var index and >= 0)
        {
            throw new LoneSurrogateException(LoneSurrogateException.Place.Key, null, key, index);
        }
        writer.WritePropertyName(key);
    }

    /// <summary>Writes a char as a one-character string.</summary>
    /// <exception cref="ArgumentException">The char is a surrogate, which alone is no character.</exception>
    public static void WriteChar(Utf8JsonWriter writer, char value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (char.IsSurrogate(value))
        {
            throw new LoneSurrogateException(LoneSurrogateException.Place.Value, null, value.ToString(), 0);
        }
        Span<char> text = [value];
        writer.WriteStringValue(text);
    }

    private static void Check(string? value, string? property)
    {
        if (value is not null && InputText.FindLoneSurrogate(value) is var index and >= 0)
        {
            throw new LoneSurrogateException(LoneSurrogateException.Place.Value, property, value, index);
        }
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
    /// <exception cref="ArgumentException">A string the type info writes holds a lone surrogate.</exception>
    public static void WriteWith<T>(Utf8JsonWriter writer, T? value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(typeInfo);
        // System.Text.Json writes a lone surrogate as \uFFFD, as it writes a genuine U+FFFD, and its
        // converters give no hook before that. So the value is written aside, as it would be in
        // place (default writer options, as the payload's own writer), and only if that shows a
        // \uFFFD is it written once more with an encoder that leaves a genuine U+FFFD unescaped:
        // a \uFFFD there can only stand for a lone surrogate.
        var buffer = t_contextBuffer ?? new ArrayBufferWriter<byte>(256);
        var aside = t_contextWriter ?? new Utf8JsonWriter(buffer);
        t_contextBuffer = null;
        t_contextWriter = null;
        try
        {
            aside.Reset(buffer);
            JsonSerializer.Serialize(aside, value!, typeInfo);
            aside.Flush();
            if (HasEscapedReplacement(buffer.WrittenSpan) && ReplacesLoneSurrogate(value, typeInfo))
            {
                throw new LoneSurrogateException(LoneSurrogateException.Place.Context, null, null, -1);
            }
            // Written aside, the value's own nesting was measured from zero: in place it must still
            // fit under MaxDepth, as the client no longer parses what the writer produced.
            if (buffer.WrittenSpan[0] is (byte)'{' or (byte)'[' && writer.CurrentDepth + Depth(buffer.WrittenSpan) > MaxDepth)
            {
                throw new InvalidOperationException(
                    $"The payload would nest objects and arrays more than {MaxDepth} levels deep, the most a generated payload writer writes.");
            }
            writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity <= MaxCachedBufferBytes)
            {
                t_contextBuffer = buffer;
                t_contextWriter = aside;
            }
        }
    }

    /// <summary>The deepest nesting of objects and arrays in <paramref name="json"/>, valid JSON just written.</summary>
    private static int Depth(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JobLimits.MaxPayloadDepthCeiling });
        var deepest = 0;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                deepest = Math.Max(deepest, reader.CurrentDepth + 1);
            }
        }
        return deepest;
    }

    private static bool ReplacesLoneSurrogate<T>(T? value, JsonTypeInfo<T> typeInfo)
    {
        var relaxed = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(relaxed, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, value!, typeInfo);
        }
        return HasEscapedReplacement(relaxed.WrittenSpan);
    }

    /// <summary>Whether <paramref name="json"/> holds the escape <c>\uFFFD</c> (not the text <c>\\uFFFD</c>, an escaped backslash before "uFFFD").</summary>
    private static bool HasEscapedReplacement(ReadOnlySpan<byte> json)
    {
        var start = 0;
        while (json[start..].IndexOf("\\uFFFD"u8) is var found and >= 0)
        {
            var at = start + found;
            var backslashes = 1;
            while (at - backslashes >= 0 && json[at - backslashes] == (byte)'\\')
            {
                backslashes++;
            }
            if (backslashes % 2 == 1)
            {
                return true;
            }
            start = at + 1;
        }
        return false;
    }
}
