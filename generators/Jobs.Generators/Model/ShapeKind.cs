namespace Jobs.Generators.Model;

/// <summary>What a generated Write/Read method pair handles.</summary>
internal enum ShapeKind
{
    Object,
    Array,
    List,
    Dictionary,

    /// <summary>Serialized by the user's JsonSerializerContext.</summary>
    External,
}
