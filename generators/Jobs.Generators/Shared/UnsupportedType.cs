using Microsoft.CodeAnalysis;

namespace Jobs.Generators;

/// <summary>
/// A payload type the generated serializers leave to the assembly's JsonSerializerContext, and
/// why. Lives only while one handler is parsed (it holds a symbol): the analyzers read it, the
/// generator's models never carry it.
/// </summary>
/// <param name="Key">The shape key, as in the models.</param>
/// <param name="Type">The type.</param>
/// <param name="Reason">The first rule it broke.</param>
/// <param name="Detail">The member or attribute concerned, when there is one.</param>
/// <param name="IsField">The member named in <paramref name="Detail"/> is a field, not a property.</param>
internal sealed record UnsupportedType(string Key, ITypeSymbol Type, UnsupportedReason Reason, string? Detail, bool IsField = false);

/// <summary>Why the generated serializers do not handle a type themselves.</summary>
internal enum UnsupportedReason
{
    /// <summary>An array of more than one dimension.</summary>
    MultiDimensionalArray,

    /// <summary>The type carries an attribute that changes its JSON (Detail: the attribute).</summary>
    TypeAttribute,

    /// <summary>A System or Microsoft type that is not a primitive, date, list or string-keyed dictionary.</summary>
    FrameworkType,

    /// <summary>A type of the user's that implements IEnumerable.</summary>
    Collection,

    /// <summary>An interface.</summary>
    Interface,

    /// <summary>Neither class nor struct nor interface (an enum with another converter, a delegate).</summary>
    NotAnObject,

    /// <summary>An abstract or static class.</summary>
    Abstract,

    /// <summary>A property or field with an attribute that changes its JSON (Detail: "Member Attribute"; IsField tells which).</summary>
    PropertyAttribute,

    /// <summary>A required property with no accessor System.Text.Json uses (Detail: the property).</summary>
    HiddenProperty,

    /// <summary>A property or field whose type generated code cannot name (Detail: the member; IsField tells which).</summary>
    InaccessiblePropertyType,

    /// <summary>An init accessor, non-public <c>[JsonInclude]</c> accessor or non-public field declared on a type generated code cannot name (Detail: the member; IsField tells which).</summary>
    HiddenInitAccessor,

    /// <summary>No constructor System.Text.Json would deserialize with.</summary>
    NoConstructor,

    /// <summary>A constructor parameter matching no readable property of its type (Detail: the parameter).</summary>
    ConstructorParameter,

    /// <summary>A member and a base member it hides (new), both serialized under different JSON names (Detail: the C# name).</summary>
    HiddenMemberSerialized,
}
