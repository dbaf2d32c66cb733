namespace Jobs.Generators.Model;

/// <summary>One serialized property of an object shape, in System.Text.Json's order.</summary>
/// <param name="Name">The C# name.</param>
/// <param name="JsonName">The name from <c>[JsonPropertyName]</c>; null to apply the naming policy.</param>
/// <param name="Type">The property's type.</param>
/// <param name="Write">When it is written.</param>
/// <param name="Read">How it is read.</param>
/// <param name="IsRequired">Missing from the JSON is an error.</param>
/// <param name="DefaultValue">A constructor parameter's default as a C# expression; null for <c>default</c>.</param>
/// <param name="DeclaringType">The type declaring the property, which an init accessor or non-public accessor is looked up on.</param>
/// <param name="GetterViaAccessor">
/// The getter is non-public (<c>[JsonInclude]</c>) and generated code calls it through
/// <c>[UnsafeAccessor]</c>; for a field, generated code cannot name the field and reads and writes
/// it through an <c>UnsafeAccessorKind.Field</c> accessor (a <c>ref</c> to it).
/// </param>
/// <param name="IsField">A field under <c>[JsonInclude]</c>, not a property.</param>
/// <param name="Owner">The declaring type when it is generic: accessors are declared over its type parameters.</param>
/// <param name="OpenType">With <paramref name="Owner"/>: the member's type as declared, in terms of those parameters.</param>
internal sealed record PayloadProperty(string Name, string? JsonName, TypeRef Type, WriteCondition Write, ReadMode Read, bool IsRequired, string? DefaultValue, string DeclaringType, bool GetterViaAccessor = false, bool IsField = false, GenericOwner? Owner = null, string? OpenType = null, bool Hidden = false);
