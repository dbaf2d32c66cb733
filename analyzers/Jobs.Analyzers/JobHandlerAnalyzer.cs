using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Jobs.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Jobs.Analyzers;

/// <summary>
/// The class under <c>[JobTask]</c>: one that the generator cannot emit code for (JOBS005), one
/// without IJobHandler&lt;T&gt; (JOBS003) or with several (JOBS004), and classes whose enqueue
/// methods would share a name (JOBS011).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobHandlerAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the payload type (fully qualified) the JOBS003 fix implements IJobHandler&lt;T&gt; for.</summary>
    public const string ArgsTypeProperty = "ArgsType";

    /// <summary>Diagnostic property: the JOBS005 fix that applies, <see cref="RemoveAbstract"/> or <see cref="MakeInternal"/>.</summary>
    public const string FixProperty = "Fix";

    /// <summary>JOBS005 fix: drop the abstract modifier.</summary>
    public const string RemoveAbstract = nameof(RemoveAbstract);

    /// <summary>JOBS005 fix: make the class internal.</summary>
    public const string MakeInternal = nameof(MakeInternal);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MissingHandlerInterface,
        DiagnosticDescriptors.SeveralHandlerInterfaces,
        DiagnosticDescriptors.UnsupportedHandlerDeclaration,
        DiagnosticDescriptors.DuplicateMethodName);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownTypeSymbols.For(start.Compilation);
            if (known.JobTaskAttribute is not { } attributeType)
            {
                return;
            }
            var jobContext = known.JobContext;
            var cancellationToken = known.CancellationToken;
            var task = known.Task;

            var methods = new ConcurrentBag<(string Method, string Task, string Handler, Location Location)>();
            start.RegisterSymbolAction(symbol =>
            {
                if (JobTaskUse.Find((INamedTypeSymbol)symbol.Symbol, attributeType, symbol.CancellationToken) is not { } use)
                {
                    return;
                }

                var declarationOk = CheckDeclaration(symbol, use);
                var interfaces = HandlerRules.HandlerInterfaces(use.Handler, known);
                if (interfaces.Count == 0)
                {
                    var properties = ImmutableDictionary<string, string?>.Empty;
                    if (HandleAsyncPayload(use.Handler, jobContext, cancellationToken, task) is { } args)
                    {
                        properties = properties.Add(ArgsTypeProperty, args.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                    }
                    symbol.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingHandlerInterface, use.ClassLocation, properties, use.Handler.Name));
                }
                else if (interfaces.Count > 1)
                {
                    var names = JobTaskUse.List(interfaces.Select(i => i.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                    symbol.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SeveralHandlerInterfaces, use.ClassLocation, use.Handler.Name, names));
                }
                else if (declarationOk && use.ValidTaskName is { } taskName)
                {
                    methods.Add((HandlerRules.MethodName(use.Handler.Name), taskName, use.Handler.ToDisplayString(), use.ClassLocation));
                }
            }, SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var group in methods.GroupBy(m => m.Method, StringComparer.Ordinal))
                {
                    // Handlers sharing a task name as well are JOBS001's; this is about distinct tasks.
                    if (group.Select(m => m.Task).Distinct(StringComparer.Ordinal).Count() < 2)
                    {
                        continue;
                    }
                    foreach (var handler in group)
                    {
                        var others = group.Where(o => !string.Equals(o.Handler, handler.Handler, StringComparison.Ordinal)).Select(o => o.Handler).OrderBy(h => h, StringComparer.Ordinal);
                        end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateMethodName, handler.Location, handler.Handler, JobTaskUse.List(others), handler.Method));
                    }
                }
            });
        });
    }

    /// <summary>Reports JOBS005 when the generator would not look at the class; true when it would.</summary>
    private static bool CheckDeclaration(SymbolAnalysisContext context, JobTaskUse use)
    {
        var handler = use.Handler;
        if (use.Declaration is { } declaration && !HandlerRules.IsHandlerDeclaration(declaration))
        {
            Report(context, use, handler.IsRecord ? "is a record: the generator looks at class declarations only" : "is not a class", fix: null);
            return false;
        }

        switch (HandlerRules.ProblemWith(handler, context.Compilation))
        {
            case HandlerProblem.None:
                return true;
            case HandlerProblem.NotAClass:
                Report(context, use, "is not a class", fix: null);
                return false;
            case HandlerProblem.Abstract:
                Report(context, use, "is abstract: there is no instance to resolve and run", RemoveAbstract);
                return false;
            case HandlerProblem.Static:
                Report(context, use, "is static: there is no instance to resolve and run", fix: null);
                return false;
            case HandlerProblem.Generic:
                var generic = Outermost(handler, t => t.IsGenericType)!;
                Report(context, use, SymbolEqualityComparer.Default.Equals(generic, handler)
                    ? "is generic: the generator needs one closed type to register and dispatch to"
                    : "is nested in the generic type '" + generic.ToDisplayString() + "': the generator needs one closed type to register and dispatch to", fix: null);
                return false;
            default:
                var hidden = Outermost(handler, t => !IsVisibleInAssembly(t));
                if (hidden is null || SymbolEqualityComparer.Default.Equals(hidden, handler))
                {
                    Report(context, use, "is " + Describe(handler) + ": generated code cannot refer to it", hidden is null ? null : MakeInternal);
                }
                else
                {
                    Report(context, use, "is nested in the " + Describe(hidden) + " type '" + hidden.ToDisplayString() + "': generated code cannot refer to it", fix: null);
                }
                return false;
        }
    }

    private static void Report(SymbolAnalysisContext context, JobTaskUse use, string problem, string? fix)
    {
        var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedHandlerDeclaration, use.ClassLocation, properties, use.Handler.Name, problem));
    }

    /// <summary>The outermost type, the handler or one it is nested in, that matches.</summary>
    private static INamedTypeSymbol? Outermost(INamedTypeSymbol handler, Func<INamedTypeSymbol, bool> predicate)
    {
        INamedTypeSymbol? found = null;
        for (var current = handler; current is not null; current = current.ContainingType)
        {
            if (predicate(current))
            {
                found = current;
            }
        }
        return found;
    }

    private static bool IsVisibleInAssembly(INamedTypeSymbol type) =>
        type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal
        && !type.IsFileLocal;

    private static string Describe(INamedTypeSymbol type) =>
        type.IsFileLocal ? "file-local"
        : type.DeclaredAccessibility switch
        {
            Accessibility.Private => "private",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "not accessible",
        };

    /// <summary>The T of the class's one <c>public Task HandleAsync(T, JobContext, CancellationToken)</c>, for the JOBS003 fix.</summary>
    private static ITypeSymbol? HandleAsyncPayload(INamedTypeSymbol handler, INamedTypeSymbol? jobContext, INamedTypeSymbol? cancellationToken, INamedTypeSymbol? task)
    {
        if (jobContext is null || cancellationToken is null || task is null)
        {
            return null;
        }
        var candidates = handler.GetMembers("HandleAsync")
            .OfType<IMethodSymbol>()
            .Where(m => !m.IsStatic
                && m.DeclaredAccessibility == Accessibility.Public
                && m.TypeParameters.Length == 0
                && m.Parameters.Length == 3
                && m.Parameters.All(p => p.RefKind == RefKind.None)
                && SymbolEqualityComparer.Default.Equals(m.ReturnType, task)
                && SymbolEqualityComparer.Default.Equals(m.Parameters[1].Type, jobContext)
                && SymbolEqualityComparer.Default.Equals(m.Parameters[2].Type, cancellationToken)
                && m.Parameters[0].Type is not (IErrorTypeSymbol or ITypeParameterSymbol))
            .Select(m => m.Parameters[0].Type)
            .Distinct(SymbolEqualityComparer.Default)
            .ToList();
        return candidates.Count == 1 ? (ITypeSymbol?)candidates[0] : null;
    }
}
