using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Jobs.Generators.Model;
using Jobs.Generators;
using Microsoft.CodeAnalysis;

namespace Jobs.Analyzers.Contracts;

/// <summary>The contract of each task this compilation handles now, as the analyzer and its code fix both see it.</summary>
internal static class CurrentContracts
{
    /// <summary>
    /// The contract of one handler's task; null when the generator would emit nothing for it (its
    /// own diagnostics say why), so there is nothing to compare.
    /// </summary>
    public static TaskContract? Of(INamedTypeSymbol handler, Compilation compilation, KnownTypeSymbols known, JobsNamingPolicy policy, CancellationToken cancellationToken)
    {
        var interfaces = HandlerRules.HandlerInterfaces(handler, known);
        if (interfaces.Count != 1 || HandlerRules.IsGenericOrInsideGeneric(handler))
        {
            return null;
        }
        var argsType = interfaces[0].TypeArguments[0];
        if (argsType.TypeKind is TypeKind.Error or TypeKind.TypeParameter)
        {
            return null;
        }
        var payload = JobsGenerator.Parser.ParsePayload(argsType, compilation, cancellationToken);
        return payload is null || payload.Unmatchable.Count > 0 || payload.Refused.Count > 0 ? null : ContractBuilder.Build(payload, policy, name => EnumValues(compilation, name));
    }

    /// <summary>An enum's members and their values, found by the type name the generator's model spells (<c>global::A.B.Outer.Level</c>).</summary>
    private static IReadOnlyList<KeyValuePair<string, string>>? EnumValues(Compilation compilation, string typeName)
    {
        var name = typeName.Replace("global::", "");
        // A nested type's metadata name separates it with '+': try each split from the right.
        for (var candidate = name; ; )
        {
            if (compilation.GetTypeByMetadataName(candidate) is { TypeKind: TypeKind.Enum } type)
            {
                return type.GetMembers().OfType<IFieldSymbol>()
                    .Where(f => f.HasConstantValue)
                    .Select(f => new KeyValuePair<string, string>(f.Name, System.Convert.ToString(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture)!))
                    .ToList();
            }
            var dot = candidate.LastIndexOf('.');
            if (dot < 0)
            {
                return null;
            }
            candidate = candidate.Substring(0, dot) + "+" + candidate.Substring(dot + 1);
        }
    }

    /// <summary>Every [JobTask] class of the compilation's own sources, by task name, with its contract (null as above).</summary>
    public static Dictionary<string, TaskContract?> All(Compilation compilation, CancellationToken cancellationToken)
    {
        var tasks = new Dictionary<string, TaskContract?>(System.StringComparer.Ordinal);
        var known = KnownTypeSymbols.For(compilation);
        if (known.JobTaskAttribute is not { } attributeType)
        {
            return tasks;
        }
        var policy = JobsGenerator.Parser.NamingPolicyOf(compilation);
        foreach (var type in Types(compilation.Assembly.GlobalNamespace))
        {
            if (JobTaskUse.Find(type, attributeType, cancellationToken)?.TaskName is { } task && !tasks.ContainsKey(task))
            {
                tasks[task] = Of(type, compilation, known, policy, cancellationToken);
            }
        }
        return tasks;
    }

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceSymbol ns) =>
        ns.GetTypeMembers().SelectMany(Nested).Concat(ns.GetNamespaceMembers().SelectMany(Types));

    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type) =>
        new[] { type }.Concat(type.GetTypeMembers().SelectMany(Nested));
}
