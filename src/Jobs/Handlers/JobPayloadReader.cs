using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Jobs;

/// <summary>
/// The primitive reads of generated payload readers. Each checks the token as System.Text.Json's
/// default converters do (strict numbers, ISO 8601 dates) and turns a mismatch into a
/// <see cref="JobPayloadException"/> naming the property's path.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JobPayloadReader
{
    // The reader's own depth limit, not System.Text.Json's default of 64: a worker reads whatever a
    // client accepted (JobsClientOptions.MaxPayloadDepth is at most this).
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = JobLimits.MaxPayloadDepthCeiling };

    /// <summary>A reader over a payload, allowing <see cref="JobLimits.MaxPayloadDepthCeiling"/> levels of nesting.</summary>
    public static Utf8JsonReader Open(ReadOnlySpan<byte> json) => new(json, s_options);

    /// <summary>Moves to the payload's first token; an empty payload is an error.</summary>
    public static void ReadRoot(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JobPayloadException("The payload is empty.");
        }
    }

    /// <summary>Checks nothing follows the payload's value.</summary>
    public static void ReadEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JobPayloadException("The payload has content after its value.");
        }
    }

    /// <summary>Checks the reader is on the start of an object.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw JobPayloadErrors.WrongToken(path, "an object", reader.TokenType);
        }
        EnsureStack();
    }

    /// <summary>Checks the reader is on the start of an array.</summary>
    public static void ExpectArray(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw JobPayloadErrors.WrongToken(path, "an array", reader.TokenType);
        }
        EnsureStack();
    }

    // Generated readers recurse once per level of a recursive payload type. Thousands of levels
    // could overflow a thread's stack, which would kill the worker instead of failing one job.
    private static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            // No path in the message: at this depth it would be thousands of segments long.
            throw new JobPayloadException("The payload is nested too deeply to read on this thread's stack.");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves to the next element of the current array; false at its end.</summary>
    public static bool NextElement(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>The current property name (of a dictionary entry).</summary>
    public static string PropertyName(ref Utf8JsonReader reader) => Text(ref reader, JobPayloadPath.Root);

    /// <summary>Reads a boolean.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader, JobPayloadPath path) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw JobPayloadErrors.WrongToken(path, "a boolean", reader.TokenType),
    };

    /// <summary>Reads a Byte.</summary>
    public static byte ReadByte(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "a Byte");
        return reader.TryGetByte(out var value) ? value : throw JobPayloadErrors.Invalid(path, "a Byte");
    }

    /// <summary>Reads an SByte.</summary>
    public static sbyte ReadSByte(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "an SByte");
        return reader.TryGetSByte(out var value) ? value : throw JobPayloadErrors.Invalid(path, "an SByte");
    }

    /// <summary>Reads an Int16.</summary>
    public static short ReadInt16(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "an Int16");
        return reader.TryGetInt16(out var value) ? value : throw JobPayloadErrors.Invalid(path, "an Int16");
    }

    /// <summary>Reads a UInt16.</summary>
    public static ushort ReadUInt16(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "a UInt16");
        return reader.TryGetUInt16(out var value) ? value : throw JobPayloadErrors.Invalid(path, "a UInt16");
    }

    /// <summary>Reads an Int32.</summary>
    public static int ReadInt32(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "an Int32");
        return reader.TryGetInt32(out var value) ? value : throw JobPayloadErrors.Invalid(path, "an Int32");
    }

    /// <summary>Reads a UInt32.</summary>
    public static uint ReadUInt32(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "a UInt32");
        return reader.TryGetUInt32(out var value) ? value : throw JobPayloadErrors.Invalid(path, "a UInt32");
    }

    /// <summary>Reads an Int64.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "an Int64");
        return reader.TryGetInt64(out var value) ? value : throw JobPayloadErrors.Invalid(path, "an Int64");
    }

    /// <summary>Reads a UInt64.</summary>
    public static ulong ReadUInt64(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "a UInt64");
        return reader.TryGetUInt64(out var value) ? value : throw JobPayloadErrors.Invalid(path, "a UInt64");
    }

    /// <summary>Reads an Int128.</summary>
    public static Int128 ReadInt128(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "an Int128");
        return Int128.TryParse(NumberText(ref reader), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw JobPayloadErrors.Invalid(path, "an Int128");
    }

    /// <summary>Reads a UInt128.</summary>
    public static UInt128 ReadUInt128(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "a UInt128");
        // A sign is allowed so that -0 reads as 0, as System.Text.Json reads it; -1 still overflows.
        return UInt128.TryParse(NumberText(ref reader), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw JobPayloadErrors.Invalid(path, "a UInt128");
    }

    /// <summary>Reads a Single.</summary>
    public static float ReadSingle(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "a Single");
        return reader.TryGetSingle(out var value) && float.IsFinite(value) ? value : throw JobPayloadErrors.Invalid(path, "a Single");
    }

    /// <summary>Reads a Double.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "a Double");
        return reader.TryGetDouble(out var value) && double.IsFinite(value) ? value : throw JobPayloadErrors.Invalid(path, "a Double");
    }

    /// <summary>Reads a Decimal.</summary>
    public static decimal ReadDecimal(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectNumber(ref reader, path, "a Decimal");
        return reader.TryGetDecimal(out var value) ? value : throw JobPayloadErrors.Invalid(path, "a Decimal");
    }

    /// <summary>Reads a string that must not be null.</summary>
    public static string ReadString(ref Utf8JsonReader reader, JobPayloadPath path) =>
        reader.TokenType == JsonTokenType.String ? Text(ref reader, path) : throw JobPayloadErrors.WrongToken(path, "a string", reader.TokenType);

    /// <summary>Reads a string or null.</summary>
    public static string? ReadNullableString(ref Utf8JsonReader reader, JobPayloadPath path) => reader.TokenType switch
    {
        JsonTokenType.String => Text(ref reader, path),
        JsonTokenType.Null => null,
        _ => throw JobPayloadErrors.WrongToken(path, "a string", reader.TokenType),
    };

    /// <summary>Reads a one-character string.</summary>
    public static char ReadChar(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        var text = ReadString(ref reader, path);
        return text.Length == 1 ? text[0] : throw JobPayloadErrors.Invalid(path, "a string of one character");
    }

    /// <summary>Reads a Guid.</summary>
    public static Guid ReadGuid(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectString(ref reader, path, "a Guid string");
        return reader.TryGetGuid(out var value) ? value : throw JobPayloadErrors.Invalid(path, "a Guid string");
    }

    /// <summary>Reads an ISO 8601 DateTime.</summary>
    public static DateTime ReadDateTime(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectString(ref reader, path, "an ISO 8601 date and time");
        return reader.TryGetDateTime(out var value) ? value : throw JobPayloadErrors.Invalid(path, "an ISO 8601 date and time");
    }

    /// <summary>Reads an ISO 8601 DateTimeOffset.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectString(ref reader, path, "an ISO 8601 date, time and offset");
        return reader.TryGetDateTimeOffset(out var value) ? value : throw JobPayloadErrors.Invalid(path, "an ISO 8601 date, time and offset");
    }

    /// <summary>Reads a <c>yyyy-MM-dd</c> date.</summary>
    public static DateOnly ReadDateOnly(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        var text = ReadString(ref reader, path);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw JobPayloadErrors.Invalid(path, "a date as yyyy-MM-dd");
    }

    /// <summary>Reads a <c>HH:mm:ss[.fffffff]</c> time of day.</summary>
    public static TimeOnly ReadTimeOnly(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        var text = ReadString(ref reader, path);
        return !PaddedWithWhiteSpace(text) && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero && span.Ticks < TimeSpan.TicksPerDay
            ? TimeOnly.FromTimeSpan(span)
            : throw JobPayloadErrors.Invalid(path, "a time of day as HH:mm:ss.fffffff");
    }

    /// <summary>Reads a TimeSpan in the constant ("c") format, <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    public static TimeSpan ReadTimeSpan(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        var text = ReadString(ref reader, path);
        return !PaddedWithWhiteSpace(text) && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var value)
            ? value
            : throw JobPayloadErrors.Invalid(path, "a time span as [-][d.]hh:mm:ss[.fffffff]");
    }

    // TimeSpan's "c" format skips white space around the value; System.Text.Json's parser refuses it.
    private static bool PaddedWithWhiteSpace(string text) => text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));

    /// <summary>Reads a base64 string that must not be null.</summary>
    public static byte[] ReadBytes(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        ExpectString(ref reader, path, "a base64 string");
        return reader.TryGetBytesFromBase64(out var value) ? value : throw JobPayloadErrors.Invalid(path, "a base64 string");
    }

    /// <summary>Reads a base64 string or null.</summary>
    public static byte[]? ReadNullableBytes(ref Utf8JsonReader reader, JobPayloadPath path) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadBytes(ref reader, path);

    /// <summary>Reads a value with System.Text.Json through a (source-generated) type info.</summary>
    public static T? ReadWith<T>(ref Utf8JsonReader reader, JobPayloadPath path, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(ref reader, typeInfo);
        }
        catch (JsonException ex)
        {
            throw JobPayloadErrors.Invalid(path, ex);
        }
    }

    // PostgreSQL's json type stores a lone surrogate escape (\uD800) that System.Text.Json cannot
    // turn into a string: a payload error (the job fails at once), not an exception retried 25 times.
    private static string Text(ref Utf8JsonReader reader, JobPayloadPath path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new JobPayloadException($"The payload's string at '{path}' is not valid Unicode: {ex.Message}", ex);
        }
    }

    // A number token is never escaped; it is in one segment unless the payload came in pieces.
    private static ReadOnlySpan<byte> NumberText(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;

    private static void ExpectNumber(ref Utf8JsonReader reader, JobPayloadPath path, string expected)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw JobPayloadErrors.WrongToken(path, expected, reader.TokenType);
        }
    }

    private static void ExpectString(ref Utf8JsonReader reader, JobPayloadPath path, string expected)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw JobPayloadErrors.WrongToken(path, expected, reader.TokenType);
        }
    }
}
