using System;
using System.Collections.Generic;
using System.Linq;

namespace Jobs.Analyzers.Contracts;

/// <summary>
/// What a task's payload change does to the payloads recorded under its old contract: jobs already
/// in the table, and SQL producers still writing the old shape. A change is breaking when some
/// payload the old contract allowed would fail to read, or read differently: a member removed or
/// renamed, a type changed (other than widened), null or a member no longer optional, an enum name
/// dropped. Everything else (a new optional member, null newly accepted, a wider number) is additive.
/// </summary>
public sealed class ContractComparer
{
    private readonly TaskContract _old;
    private readonly TaskContract _new;
    private readonly List<ContractChange> _changes = [];
    private readonly HashSet<string> _compared = new(StringComparer.Ordinal);

    private ContractComparer(TaskContract old, TaskContract @new)
    {
        _old = old;
        _new = @new;
    }

    /// <summary>
    /// The recorded contract against the payload now, versions included: when the payload type is a
    /// newer <c>[JobPayloadVersion]</c>, what was recorded must still be read by the chain's type of
    /// the recorded version, whose payloads the generated reader upcasts.
    /// </summary>
    public static IReadOnlyList<ContractChange> Against(TaskContract recorded, TaskContract now)
    {
        if (recorded.Version > now.Version)
        {
            return [new ContractChange(true, $"the payload went back from version {recorded.Version} to {now.Version}")];
        }
        var changes = new List<ContractChange>();
        // Every recorded version must still be read by the chain's type of that version.
        for (var old = recorded; old is not null; old = old.Previous)
        {
            var type = Version(now, old.Version);
            if (type is null)
            {
                changes.Add(new ContractChange(true, old.Version == recorded.Version
                    ? $"version {now.Version} ({now.Payload}) has no earlier version {old.Version} to read the recorded payloads as; its Previous chain ends before it"
                    : $"version {old.Version} ({old.Payload}) is no longer read: the Previous chain of {now.Payload} ends before it"));
                continue;
            }
            foreach (var change in Compare(old, type))
            {
                if (ReferenceEquals(type, now))
                {
                    changes.Add(change); // the newest version: compared as ever
                }
                else if (change.IsBreaking)
                {
                    changes.Add(new ContractChange(true, $"version {old.Version} ({type.Payload}), read before the upcast: {change.Description}"));
                }
            }
        }
        if (now.Version > recorded.Version && !changes.Any(c => c.IsBreaking))
        {
            changes.Add(new ContractChange(false, $"version {now.Version} ({now.Payload}) reads version {recorded.Version} payloads as {Version(now, recorded.Version)!.Payload} and upcasts them"));
        }
        return changes;
    }

    private static TaskContract? Version(TaskContract chain, int version)
    {
        for (var type = chain; type is not null; type = type.Previous)
        {
            if (type.Version == version)
            {
                return type;
            }
        }
        return null;
    }

    /// <summary>The recorded contract against the payload now, as shapes of the same version.</summary>
    public static IReadOnlyList<ContractChange> Compare(TaskContract old, TaskContract @new)
    {
        var comparer = new ContractComparer(old, @new);
        comparer.Type(TypeExpression.Parse(old.Payload), TypeExpression.Parse(@new.Payload), "the payload");
        return comparer._changes;
    }

    private void Type(TypeExpression old, TypeExpression @new, string where)
    {
        if (old.IsNullable && !@new.IsNullable)
        {
            Breaking($"{where} no longer accepts null");
        }
        else if (!old.IsNullable && @new.IsNullable)
        {
            Additive($"{where} now accepts null");
        }

        if (old.Element is not null || @new.Element is not null)
        {
            if (old.Element is null || @new.Element is null || old.Container != @new.Container)
            {
                Breaking($"{where} changed from {old.NotNullable} to {@new.NotNullable}");
            }
            else
            {
                Type(old.Element, @new.Element, (old.Container == '[' ? "the items of " : "the values of ") + where);
            }
            return;
        }

        var oldBase = Scalar(old.Base);
        var newBase = Scalar(@new.Base);
        if (oldBase == newBase)
        {
            if (_old.Types.TryGetValue(oldBase, out var oldType) && _new.Types.TryGetValue(newBase, out var newType))
            {
                Named(oldBase, oldType, newType, where);
            }
            return;
        }
        if (_old.Types.TryGetValue(oldBase, out var renamedOld) && _new.Types.TryGetValue(newBase, out var renamedNew))
        {
            // A C# type renamed: what counts is what it reads.
            Named(oldBase + " (now " + newBase + ")", renamedOld, renamedNew, where);
            return;
        }
        if (Widens(oldBase, newBase))
        {
            Additive($"{where} widened from {oldBase} to {newBase}");
            return;
        }
        Breaking($"{where} changed from {old.NotNullable} to {@new.NotNullable}");
    }

    private void Named(string label, ContractType old, ContractType @new, string where)
    {
        if (!_compared.Add(label))
        {
            return; // compared already: a type reached twice, or a recursive one
        }
        if (old.Kind != @new.Kind)
        {
            Breaking($"{where} changed from {old.Kind} {label} to {@new.Kind}");
            return;
        }
        if (old.Values is { } oldValues)
        {
            NumericEnum(label, old.Underlying!, oldValues, @new.Underlying!, @new.Values!);
            return;
        }
        if (old.EnumNames is { } oldNames)
        {
            var newNames = @new.EnumNames!;
            foreach (var name in oldNames.Where(n => !newNames.Contains(n)))
            {
                Breaking($"enum {label} no longer reads '{name}'");
            }
            foreach (var name in newNames.Where(n => !oldNames.Contains(n)))
            {
                Additive($"enum {label} reads '{name}'");
            }
            return;
        }
        var newMembers = @new.Members!;
        foreach (var member in old.Members!)
        {
            if (!newMembers.TryGetValue(member.Key, out var now))
            {
                Breaking($"member '{member.Key}' of {label} was removed or renamed");
                continue;
            }
            if (!member.Value.IsRequired && now.IsRequired)
            {
                Breaking($"member '{member.Key}' of {label} is now required");
            }
            else if (member.Value.IsRequired && !now.IsRequired)
            {
                Additive($"member '{member.Key}' of {label} is now optional");
            }
            Type(TypeExpression.Parse(member.Value.Type), TypeExpression.Parse(now.Type), $"member '{member.Key}' of {label}");
        }
        foreach (var member in newMembers.Where(m => !old.Members!.ContainsKey(m.Key)))
        {
            if (member.Value.IsRequired)
            {
                Breaking($"member '{member.Key}' of {label} is new and required (payloads without it no longer read; give it a default)");
            }
            else
            {
                Additive($"member '{member.Key}' of {label} is new");
            }
        }
    }

    /// <summary>
    /// An enum written as a number: a stored number must keep meaning the member it meant. A member
    /// given another value, or a value no member holds any more, is breaking; a member renamed with
    /// its value kept, a new member, or a wider underlying type is not.
    /// </summary>
    private void NumericEnum(string label, string oldUnderlying, SortedDictionary<string, string> oldValues, string newUnderlying, SortedDictionary<string, string> newValues)
    {
        if (oldUnderlying != newUnderlying)
        {
            if (Widens(oldUnderlying, newUnderlying))
            {
                Additive($"enum {label} widened from {oldUnderlying} to {newUnderlying}");
            }
            else
            {
                Breaking($"enum {label} changed from {oldUnderlying} to {newUnderlying}");
            }
        }
        foreach (var member in oldValues)
        {
            if (newValues.TryGetValue(member.Key, out var now))
            {
                if (now != member.Value)
                {
                    Breaking($"enum {label}'s {member.Key} was {member.Value} and is now {now}: stored {member.Value}s change meaning");
                }
                continue;
            }
            var holder = newValues.FirstOrDefault(v => v.Value == member.Value).Key;
            if (holder is null)
            {
                Breaking($"enum {label} has no member of value {member.Value} ({member.Key}) any more");
            }
            else if (!oldValues.ContainsKey(holder))
            {
                Additive($"enum {label}'s {member.Key} ({member.Value}) is renamed {holder}");
            }
        }
        foreach (var member in newValues.Where(v => !oldValues.ContainsKey(v.Key) && !oldValues.ContainsValue(v.Value)))
        {
            Additive($"enum {label} has a new member {member.Key} ({member.Value})");
        }
    }

    // A numeric enum without recorded values is read as its underlying integer.
    private static string Scalar(string name) =>
        name.StartsWith("enum(", StringComparison.Ordinal) && name.EndsWith(")", StringComparison.Ordinal) ? name.Substring(5, name.Length - 6) : name;

    /// <summary>Integer ranges, (minimum, maximum).</summary>
    private static readonly Dictionary<string, (decimal Min, decimal Max)> Integers = new(StringComparer.Ordinal)
    {
        ["byte"] = (byte.MinValue, byte.MaxValue),
        ["sbyte"] = (sbyte.MinValue, sbyte.MaxValue),
        ["int16"] = (short.MinValue, short.MaxValue),
        ["uint16"] = (ushort.MinValue, ushort.MaxValue),
        ["int32"] = (int.MinValue, int.MaxValue),
        ["uint32"] = (uint.MinValue, uint.MaxValue),
        ["int64"] = (long.MinValue, long.MaxValue),
        ["uint64"] = (ulong.MinValue, ulong.MaxValue),
        // Beyond decimal's range: ordered by stand-ins that keep int128 and uint128 above the others.
        ["int128"] = (decimal.MinValue, decimal.MaxValue - 1),
        ["uint128"] = (0, decimal.MaxValue),
    };

    /// <summary>Every value the old type reads, the new one reads as the same number or text.</summary>
    private static bool Widens(string old, string @new)
    {
        if (Integers.TryGetValue(old, out var from))
        {
            if (Integers.TryGetValue(@new, out var to))
            {
                return to.Min <= from.Min && from.Max <= to.Max;
            }
            // Exactly representable: up to 32 bits in a double, up to 64 in a decimal.
            return (@new == "double" && from.Min >= int.MinValue && from.Max <= uint.MaxValue)
                || (@new == "decimal" && old is not "int128" and not "uint128");
        }
        return (old, @new) is ("single", "double") or ("char", "string");
    }

    private void Breaking(string description) => _changes.Add(new ContractChange(true, description));

    private void Additive(string description) => _changes.Add(new ContractChange(false, description));
}
