namespace Jobs.Generators.Model;

/// <summary>A member of an enum written as a string (JsonStringEnumConverter).</summary>
/// <param name="Name">The C# name.</param>
/// <param name="JsonName">The written name: <c>[JsonStringEnumMemberName]</c>, else the C# name.</param>
/// <param name="IsAlias">Another member has the same value and comes first: read, never written.</param>
internal sealed record EnumMember(string Name, string JsonName, bool IsAlias);
