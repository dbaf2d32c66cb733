namespace Jobs.Generators.Model;

/// <summary>How a property's value gets into a deserialized object.</summary>
internal enum ReadMode
{
    /// <summary>Not read: a get-only property, or ignored when reading. Its JSON value is skipped.</summary>
    None,

    /// <summary>Passed to the deserialization constructor.</summary>
    Constructor,

    /// <summary>Set in the object initializer (required members).</summary>
    Initializer,

    /// <summary>Assigned through its public setter when present in the JSON.</summary>
    Setter,

    /// <summary>
    /// Assigned through its init accessor, or a setter generated code cannot call (a non-public one
    /// under <c>[JsonInclude]</c>), via UnsafeAccessor when present, so a missing value keeps the
    /// property's initializer.
    /// </summary>
    InitAccessor,
}
