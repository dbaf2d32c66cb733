namespace Jobs.Generators.Model;

/// <summary>A use of a type: a member's, an element's or the arguments'.</summary>
/// <param name="TypeName">Fully qualified, without a top-level <c>?</c> (inner nullable annotations kept).</param>
/// <param name="Kind">How values are written and read.</param>
/// <param name="IsNullable">A <c>Nullable&lt;T&gt;</c> or an annotated (or oblivious) reference: JSON null is accepted.</param>
/// <param name="IsValueType">True for structs and enums.</param>
/// <param name="EnumUnderlyingType">The keyword of an enum's underlying type.</param>
/// <param name="ShapeKey">For <see cref="ValueKind.Shape"/>: the key of the shape.</param>
internal sealed record TypeRef(string TypeName, ValueKind Kind, bool IsNullable, bool IsValueType, string? EnumUnderlyingType = null, string? ShapeKey = null);
