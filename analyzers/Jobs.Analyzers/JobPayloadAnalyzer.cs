using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Jobs.Generators;
using Jobs.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Jobs.Analyzers;

/// <summary>
/// A handler's payload type, judged by the generator's own parser: a type generated code cannot
/// name (JOBS012), types left to a JsonSerializerContext the assembly does not name (JOBS007) or
/// that the named one does not cover (JOBS008), and types nothing can deserialize (JOBS010).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobPayloadAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property of JOBS008: the missing type, fully qualified, for the code fix.</summary>
    public const string TypeNameProperty = "TypeName";

    /// <summary>Diagnostic property of JOBS008: the missing type as the code action's title writes it.</summary>
    public const string ShortTypeNameProperty = "ShortTypeName";

    private static readonly SymbolDisplayFormat ShortFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PayloadNeedsContext,
        DiagnosticDescriptors.ContextMissingType,
        DiagnosticDescriptors.PayloadNotDeserializable,
        DiagnosticDescriptors.PayloadNotAccessible,
        DiagnosticDescriptors.MemberNotReachable,
        DiagnosticDescriptors.PayloadRefusedBySystemTextJson,
        DiagnosticDescriptors.ContextNamingMismatch,
        DiagnosticDescriptors.ObjectMember);

    /// <summary>Diagnostic property of JOBS018: the option to set (PropertyNamingPolicy or DictionaryKeyPolicy).</summary>
    public const string OptionProperty = "Option";

    /// <summary>Diagnostic property of JOBS018: the JsonKnownNamingPolicy member to set it to.</summary>
    public const string PolicyProperty = "Policy";

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var known = KnownTypeSymbols.For(compilation);
            if (known.JobTaskAttribute is not { } attributeType)
            {
                return;
            }
            // [assembly: JobsSerialization] as the generator reads it.
            var (policy, serializerContext) = JobsGenerator.Parser.ReadSerializationSettings(compilation, start.CancellationToken);
            var coverage = serializerContext is null ? null : new Lazy<ContextCoverage>(() => new ContextCoverage(serializerContext, known), LazyThreadSafetyMode.ExecutionAndPublication);
            var naming = serializerContext is null ? null : new Lazy<ContextNaming>(() => new ContextNaming(serializerContext, policy, known), LazyThreadSafetyMode.ExecutionAndPublication);

            start.RegisterSymbolAction(symbol =>
            {
                if (JobTaskUse.Find((INamedTypeSymbol)symbol.Symbol, attributeType, symbol.CancellationToken) is { } use)
                {
                    Analyze(symbol, use, known, serializerContext, coverage, naming);
                }
            }, SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, JobTaskUse use, KnownTypeSymbols known, INamedTypeSymbol? serializerContext, Lazy<ContextCoverage>? coverage, Lazy<ContextNaming>? naming)
    {
        var interfaces = HandlerRules.HandlerInterfaces(use.Handler, known);
        if (interfaces.Count != 1 || HandlerRules.IsGenericOrInsideGeneric(use.Handler))
        {
            return;
        }
        var argsType = interfaces[0].TypeArguments[0];
        if (HasErrorOrTypeParameter(argsType))
        {
            return;
        }

        var payload = JobsGenerator.Parser.ParsePayload(argsType, context.Compilation, context.CancellationToken);
        if (payload is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PayloadNotAccessible, use.InterfaceLocation, argsType.ToDisplayString(), use.Handler.Name));
            return;
        }
        if (payload.Unmatchable.Count > 0 || payload.Refused.Count > 0)
        {
            foreach (var member in payload.Unmatchable)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MemberNotReachable, use.InterfaceLocation, member.Subject, member.TypeName.Replace("global::", ""), use.Handler.Name, member.Problem));
            }
            foreach (var refused in payload.Refused)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PayloadRefusedBySystemTextJson, use.InterfaceLocation, refused.TypeName.Replace("global::", ""), use.Handler.Name, refused.Problem));
            }
            return;
        }
        if (payload.External.Count == 0)
        {
            return;
        }

        var paths = PayloadPaths.Of(payload.Args, payload.Shapes, argsType.ToDisplayString(ShortFormat));
        var location = use.InterfaceLocation;
        var contextLocation = serializerContext?.Locations.FirstOrDefault(l => l.IsInSource);
        foreach (var external in payload.External)
        {
            var type = external.Type;
            var path = paths.TryGetValue(external.Key, out var found) ? found : argsType.ToDisplayString(ShortFormat);
            // Written into typeof(...): no nullable reference annotations (CS8639).
            var shortName = TypeOfText.ShortName(type);
            if (serializerContext is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PayloadNeedsContext, location, use.Handler.Name, type.ToDisplayString(), path, Why(external), shortName));
            }
            else if (!coverage!.Value.Covers(type))
            {
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(TypeNameProperty, TypeOfText.FullName(type))
                    .Add(ShortTypeNameProperty, shortName);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ContextMissingType,
                    location,
                    contextLocation is null ? null : new[] { contextLocation },
                    properties,
                    use.Handler.Name, type.ToDisplayString(), path, serializerContext.ToDisplayString(), shortName));
            }

            if (ContainsObject(type))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ObjectMember, location, use.Handler.Name, shortName, path));
            }

            if (serializerContext is not null)
            {
                ReportNaming(context, use, serializerContext, naming!.Value, external, path, contextLocation);
            }

            if (NotDeserializable(external, known) is { } problem)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PayloadNotDeserializable, location, type.ToDisplayString(), use.Handler.Name, path, problem));
            }
        }
    }

    /// <summary>JOBS018: the context would name something in this type's subtree differently from the assembly.</summary>
    private static void ReportNaming(SymbolAnalysisContext context, JobTaskUse use, INamedTypeSymbol serializerContext, ContextNaming naming, UnsupportedType external, string path, Location? contextLocation)
    {
        foreach (var mismatch in naming.Find(external.Type))
        {
            var typeName = mismatch.Type.ToDisplayString(TypeOfText.Short);
            string option, contextPolicy, assemblyPolicy, detail;
            JobsNamingPolicy target;
            if (mismatch.Option == ContextNaming.PropertyNamingPolicy)
            {
                option = ContextNaming.PropertyNamingPolicy;
                contextPolicy = ContextNaming.Describe(naming.Properties);
                assemblyPolicy = ContextNaming.Describe(naming.Assembly);
                target = naming.Assembly;
                detail = "'" + typeName + "." + mismatch.Member + "' would be \"" + mismatch.ContextName + "\", not \"" + mismatch.AssemblyName + "\"";
            }
            else
            {
                option = ContextNaming.DictionaryKeyPolicy;
                contextPolicy = ContextNaming.Describe(naming.Keys);
                assemblyPolicy = ContextNaming.Describe(naming.Assembly) + ", which leaves dictionary keys as they are";
                target = JobsNamingPolicy.AsDeclared;
                detail = "the keys of '" + typeName + "' would be converted";
            }
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(OptionProperty, option)
                .Add(PolicyProperty, ContextNaming.KnownName(target));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ContextNamingMismatch,
                use.InterfaceLocation,
                contextLocation is null ? null : new[] { contextLocation },
                properties,
                use.Handler.Name, external.Type.ToDisplayString(TypeOfText.Short), path, serializerContext.ToDisplayString(), option, contextPolicy, assemblyPolicy, detail, ContextNaming.KnownName(target)));
        }
    }

    /// <summary>Why the generated serializer leaves the type to a context, for JOBS007's message.</summary>
    private static string Why(UnsupportedType external)
    {
        var detail = external.Detail ?? "";
        return external.Reason switch
        {
            UnsupportedReason.MultiDimensionalArray => "a multi-dimensional array",
            UnsupportedReason.TypeAttribute => "it has [" + Attribute(detail) + "]",
            UnsupportedReason.FrameworkType => "a framework type it has no code for",
            UnsupportedReason.Collection => "a collection type of its own",
            UnsupportedReason.Interface => "an interface",
            UnsupportedReason.NotAnObject => "neither a class nor a struct",
            UnsupportedReason.Abstract => "an abstract class",
            UnsupportedReason.PropertyAttribute => PropertyWithAttribute(detail, Member(external)),
            UnsupportedReason.HiddenProperty => "its required property '" + detail + "' has no accessor System.Text.Json uses",
            UnsupportedReason.HiddenMemberSerialized => "its member '" + detail + "' and the base member it hides are both serialized, under different JSON names",
            UnsupportedReason.InaccessiblePropertyType => "its " + Member(external) + " '" + detail + "' has a type generated code cannot refer to",
            UnsupportedReason.HiddenInitAccessor => external.IsField
                ? "its field '" + detail + "' is non-public and declared on a type generated code cannot refer to"
                : "its property '" + detail + "' has an init or non-public accessor on a type generated code cannot refer to",
            UnsupportedReason.NoConstructor => "it has no constructor to deserialize with",
            UnsupportedReason.ConstructorParameter => "its constructor parameter '" + detail + "' matches no readable property of the same type",
            _ => "not a shape it handles",
        };
    }

    /// <summary>JOBS010's complaint, when System.Text.Json could not create the type either.</summary>
    private static string? NotDeserializable(UnsupportedType external, KnownTypeSymbols known) => external.Reason switch
    {
        // One [JsonConstructor] that is not public: the generated code cannot call it, but
        // System.Text.Json (reflection, or a source-generated context on newer runtimes) can.
        UnsupportedReason.NoConstructor when external.Type is INamedTypeSymbol named && JobsGenerator.Parser.MarkedConstructors(named, known).Count == 1 => null,
        UnsupportedReason.NoConstructor => "has no constructor to deserialize with (mark one public constructor [JsonConstructor], or add a public parameterless one)",
        UnsupportedReason.Abstract => "is abstract and has neither [JsonPolymorphic]/[JsonDerivedType] nor a [JsonConverter]",
        UnsupportedReason.Interface => "is an interface with neither [JsonPolymorphic]/[JsonDerivedType] nor a [JsonConverter]",
        _ => null,
    };

    private static string PropertyWithAttribute(string detail, string member)
    {
        var space = detail.IndexOf(' ');
        return space < 0 ? "a " + member + " has an attribute that changes its JSON" : "its " + member + " '" + detail.Substring(0, space) + "' has [" + Attribute(detail.Substring(space + 1)) + "]";
    }

    private static string Member(UnsupportedType external) => external.IsField ? "field" : "property";

    private static string Attribute(string name) =>
        name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;

    /// <summary>JOBS019: <c>object</c> itself, or as an element or type argument at any depth.</summary>
    private static bool ContainsObject(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_Object } => true,
        IArrayTypeSymbol array => ContainsObject(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsObject),
        _ => false,
    };

    private static bool HasErrorOrTypeParameter(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol or ITypeParameterSymbol => true,
        IArrayTypeSymbol array => HasErrorOrTypeParameter(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(HasErrorOrTypeParameter),
        _ => false,
    };
}
