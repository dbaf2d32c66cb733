using System;
using System.Collections.Generic;
using System.Linq;

namespace Jobs.Analyzers.Contracts;

/// <summary>
/// What old payloads of one task rely on: the payload's type expression and every named type it
/// reaches. Members are keyed by JSON name, so reordering members or renaming C# types changes nothing.
/// </summary>
/// <param name="Payload">The payload's type expression (see <see cref="TypeExpression"/>).</param>
/// <param name="Types">Object types (their members' JSON names to <c>[required ]type</c>) and string enums (their written names), by label.</param>
/// <param name="Version">The payload type's <c>[JobPayloadVersion]</c>; 1 when it has none.</param>
/// <param name="Previous">With a version: the contract of the type of the version before, which the reader upcasts from.</param>
public sealed record TaskContract(string Payload, SortedDictionary<string, ContractType> Types, int Version = 1, TaskContract? Previous = null);

/// <summary>A named type of a contract: an object's members, a string enum's names, or a numeric enum's values.</summary>
/// <param name="Members">For an object: JSON name to member.</param>
/// <param name="EnumNames">For a string enum: the names it reads.</param>
/// <param name="Underlying">For an enum written as a number: its underlying type's keyword.</param>
/// <param name="Values">For an enum written as a number: each member's value, by name; the number is what a payload stores.</param>
public sealed record ContractType(SortedDictionary<string, ContractMember>? Members, SortedSet<string>? EnumNames, string? Underlying = null, SortedDictionary<string, string>? Values = null)
{
    public static ContractType Object(SortedDictionary<string, ContractMember> members) => new(members, null);

    public static ContractType StringEnum(IEnumerable<string> names) => new(null, new SortedSet<string>(names, StringComparer.Ordinal));

    public static ContractType NumericEnum(string underlying, IEnumerable<KeyValuePair<string, string>> values) =>
        new(null, null, underlying, new SortedDictionary<string, string>(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), StringComparer.Ordinal));

    /// <summary>What kind of type it is, for messages.</summary>
    public string Kind => Members is not null ? "an object" : EnumNames is not null ? "a string enum" : "an enum written as a number";
}

/// <summary>One member of an object type: its type expression, and whether a payload must carry it.</summary>
public sealed record ContractMember(string Type, bool IsRequired)
{
    private const string RequiredPrefix = "required ";

    /// <summary>The file's spelling: <c>required int32</c>, <c>string?</c>.</summary>
    public override string ToString() => IsRequired ? RequiredPrefix + Type : Type;

    public static ContractMember Parse(string text) =>
        text.StartsWith(RequiredPrefix, StringComparison.Ordinal)
            ? new ContractMember(text.Substring(RequiredPrefix.Length).Trim(), true)
            : new ContractMember(text.Trim(), false);
}
