using Jobs.Generators.Model;

namespace Jobs.Generators;

/// <summary>
/// The contract between <see cref="ValueKind"/> and the runtime: which <c>Jobs.JobPayloadReader</c>
/// and <c>Jobs.JobPayloadWriter</c> method generated code calls for a value of each kind. Spelled out
/// here, never derived from the kind's name; a test (<c>RuntimeHelpersTests</c>) finds every name on
/// the runtime types.
/// </summary>
internal static class RuntimeHelpers
{
    /// <summary>The <c>JobPayloadReader</c> method reading a value of the kind; null for enums and shapes, which have their own.</summary>
    public static string? Reader(ValueKind kind) => kind switch
    {
        ValueKind.Boolean => "ReadBoolean",
        ValueKind.Byte => "ReadByte",
        ValueKind.SByte => "ReadSByte",
        ValueKind.Int16 => "ReadInt16",
        ValueKind.UInt16 => "ReadUInt16",
        ValueKind.Int32 => "ReadInt32",
        ValueKind.UInt32 => "ReadUInt32",
        ValueKind.Int64 => "ReadInt64",
        ValueKind.UInt64 => "ReadUInt64",
        ValueKind.Int128 => "ReadInt128",
        ValueKind.UInt128 => "ReadUInt128",
        ValueKind.Single => "ReadSingle",
        ValueKind.Double => "ReadDouble",
        ValueKind.Decimal => "ReadDecimal",
        ValueKind.String => "ReadString",
        ValueKind.Char => "ReadChar",
        ValueKind.Guid => "ReadGuid",
        ValueKind.DateTime => "ReadDateTime",
        ValueKind.DateTimeOffset => "ReadDateTimeOffset",
        ValueKind.DateOnly => "ReadDateOnly",
        ValueKind.TimeOnly => "ReadTimeOnly",
        ValueKind.TimeSpan => "ReadTimeSpan",
        ValueKind.Bytes => "ReadBytes",
        _ => null,
    };

    /// <summary>The <c>JobPayloadReader</c> method reading a reference of the kind that may be JSON null; null where the caller tests for null itself.</summary>
    public static string? NullableReader(ValueKind kind) => kind switch
    {
        ValueKind.String => "ReadNullableString",
        ValueKind.Bytes => "ReadNullableBytes",
        _ => null,
    };

    /// <summary>The <c>JobPayloadWriter</c> method writing a value of the kind; null where <c>Utf8JsonWriter</c>'s own writes System.Text.Json's bytes.</summary>
    public static string? ValueWriter(ValueKind kind) => kind switch
    {
        // Caller text goes through the runtime, which refuses a lone surrogate instead of letting it become U+FFFD.
        ValueKind.String => "WriteStringValue",
        ValueKind.Char => "WriteChar",
        ValueKind.Int128 => "WriteInt128",
        ValueKind.UInt128 => "WriteUInt128",
        ValueKind.DateOnly => "WriteDateOnly",
        ValueKind.TimeOnly => "WriteTimeOnly",
        ValueKind.TimeSpan => "WriteTimeSpan",
        ValueKind.Bytes => "WriteBytes",
        _ => null,
    };

    /// <summary>The <c>JobPayloadWriter</c> method writing a property name and a value of the kind in one call; null where there is none.</summary>
    public static string? PropertyWriter(ValueKind kind) => kind switch
    {
        ValueKind.String => "WriteString",
        _ => null,
    };

    /// <summary>The kind of an enum's underlying type, as <c>TypeRef.EnumUnderlyingType</c> spells it (<c>int</c> when unknown).</summary>
    public static ValueKind EnumUnderlyingKind(string? underlying) => underlying switch
    {
        "byte" => ValueKind.Byte,
        "sbyte" => ValueKind.SByte,
        "short" => ValueKind.Int16,
        "ushort" => ValueKind.UInt16,
        "uint" => ValueKind.UInt32,
        "long" => ValueKind.Int64,
        "ulong" => ValueKind.UInt64,
        _ => ValueKind.Int32,
    };
}
