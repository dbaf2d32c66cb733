namespace Jobs.Generators.Model;

/// <summary>A type with generated Write/Read methods.</summary>
/// <param name="Key">The fully qualified type with its nullable annotations: identifies the shape.</param>
/// <param name="BaseId">A readable method-name stem (<c>SendEmailArgs</c>, <c>ListOfString</c>); the emitter makes it unique.</param>
/// <param name="Kind">What the methods handle.</param>
/// <param name="TypeName">The type as written in code.</param>
/// <param name="IsValueType">True for structs.</param>
/// <param name="Element">The element type of a collection, the value type of a dictionary, or the underlying type of an enum.</param>
/// <param name="Properties">An object's properties in System.Text.Json's order.</param>
/// <param name="ConstructorParameters">An object's constructor parameters, each naming its property.</param>
/// <param name="Members">A string enum's members.</param>
internal sealed record PayloadShape(
    string Key,
    string BaseId,
    ShapeKind Kind,
    string TypeName,
    bool IsValueType,
    TypeRef? Element,
    EquatableArray<PayloadProperty> Properties,
    EquatableArray<string> ConstructorParameters,
    EquatableArray<EnumMember> Members = default)
{
    /// <summary>The deserialization constructor is a non-public <c>[JsonConstructor]</c>, called through <c>[UnsafeAccessor]</c>.</summary>
    public bool ConstructorViaAccessor { get; init; }

    /// <summary>A struct made as <c>default(T)</c>: its implicit constructor, with a required field System.Text.Json leaves unset.</summary>
    public bool CreateAsDefault { get; init; }

    /// <summary>The type itself when it is generic: a constructor accessor is declared over its type parameters.</summary>
    public GenericOwner? Owner { get; init; }

    /// <summary>With <see cref="Owner"/>: the constructor's parameter types as declared, in terms of those parameters.</summary>
    public EquatableArray<string> OpenConstructorTypes { get; init; }

    /// <summary><c>[JobPayloadVersion]</c>: this object type's version (2 or more), or 0 when it is not versioned.</summary>
    public int Version { get; init; }

    /// <summary>With <see cref="Version"/>: the type of the version before, which the type's <c>Upcast</c> converts from.</summary>
    public TypeRef? Previous { get; init; }
}
