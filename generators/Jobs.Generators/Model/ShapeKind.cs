namespace Jobs.Generators.Model;

/// <summary>What a generated Write/Read method pair handles.</summary>
internal enum ShapeKind
{
    Object,
    Array,
    List,
    Dictionary,

    /// <summary>An enum written as its member names, as JsonStringEnumConverter does.</summary>
    StringEnum,

    /// <summary>Serialized by the user's JsonSerializerContext.</summary>
    External,
}
