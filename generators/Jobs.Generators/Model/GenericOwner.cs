namespace Jobs.Generators.Model;

/// <summary>
/// A generic type (or a type nested in one) whose non-public members generated code reaches. .NET 9+
/// binds an <c>[UnsafeAccessor]</c> to a member of a generic type only when the accessor is declared
/// in a generic class over the type's own type parameters, its signature written with them (an
/// accessor naming the closed <c>Box&lt;int&gt;</c> throws MissingMethodException at run time).
/// </summary>
/// <param name="OpenType">The type over its own parameters, fully qualified: <c>global::Acme.Outer&lt;A&gt;.Inner&lt;B&gt;</c>.</param>
/// <param name="Parameters">Its type parameters, outermost first: <c>A, B</c>.</param>
/// <param name="Constraints">Their constraints as clauses, each with a leading space: <c> where A : class</c>.</param>
/// <param name="Arguments">The closed type's type arguments, in the same order: <c>int, string</c>.</param>
internal sealed record GenericOwner(string OpenType, string Parameters, string Constraints, string Arguments);
