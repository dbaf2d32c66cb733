namespace Jobs.Generators.Model;

/// <summary>How a value is written and read: a primitive the runtime helpers know, or a shape with methods of its own.</summary>
internal enum ValueKind
{
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Int128,
    UInt128,
    Single,
    Double,
    Decimal,
    String,
    Char,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Bytes,
    Enum,

    /// <summary>An object, collection, dictionary or context-serialized type: see <see cref="PayloadShape"/>.</summary>
    Shape,
}
