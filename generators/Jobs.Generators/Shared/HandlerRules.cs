using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Jobs.Generators;

/// <summary>
/// Which <c>[JobTask]</c> classes get code. The generator compiles this file and so do the
/// analyzers (linked from here), so a handler the generator leaves out is exactly one the
/// analyzers explain.
/// </summary>
internal static class HandlerRules
{
    /// <summary>The metadata name of the attribute that marks a handler.</summary>
    public const string JobTaskAttribute = "Jobs.JobTaskAttribute";

    /// <summary>The metadata name of the assembly-wide serialization settings.</summary>
    public const string JobsSerializationAttribute = "Jobs.JobsSerializationAttribute";

    /// <summary>The metadata name of the base of every source-generated System.Text.Json context.</summary>
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";

    /// <summary>Task names are shorter than this (app_jobs: CHECK length(task_identifier) &lt; 127).</summary>
    public const int TaskNameMaxExclusive = 127;

    /// <summary>Queue names are shorter than this.</summary>
    public const int QueueNameMaxExclusive = 127;

    /// <summary>The declarations the generator looks at: classes, not records (a record is a <c>RecordDeclarationSyntax</c>).</summary>
    public static bool IsHandlerDeclaration(SyntaxNode node) => node is ClassDeclarationSyntax;

    /// <summary>Why the generator cannot emit code for this class, or <see cref="HandlerProblem.None"/>.</summary>
    public static HandlerProblem ProblemWith(INamedTypeSymbol handler, Compilation compilation)
    {
        if (handler.TypeKind != TypeKind.Class)
        {
            return HandlerProblem.NotAClass;
        }
        if (handler.IsAbstract)
        {
            return handler.IsStatic ? HandlerProblem.Static : HandlerProblem.Abstract;
        }
        if (handler.IsStatic)
        {
            return HandlerProblem.Static;
        }
        if (IsGenericOrInsideGeneric(handler))
        {
            return HandlerProblem.Generic;
        }
        if (!IsVisibleToGeneratedCode(handler, compilation))
        {
            return HandlerProblem.Inaccessible;
        }
        return HandlerProblem.None;
    }

    /// <summary>A task name the schema accepts: 1 to 126 characters.</summary>
    public static bool IsValidTaskName(string? name) => name is not null && name.Length > 0 && name.Length < TaskNameMaxExclusive;

    /// <summary>
    /// False for a named argument of <c>[JobTask]</c> whose value breaks the schema's limits:
    /// a queue of 0 or 127+ characters, max attempts or a timeout below 1. Only values actually
    /// set count; a property left unset is no default at all.
    /// </summary>
    public static bool IsValidNamedArgument(string name, object? value) => name switch
    {
        "Queue" => value is not string queue || (queue.Length > 0 && queue.Length < QueueNameMaxExclusive),
        "MaxAttempts" or "TimeoutSeconds" => value is not int number || number >= 1,
        _ => true,
    };

    /// <summary>Every <c>IJobHandler&lt;T&gt;</c> the class implements, its bases' included.</summary>
    public static List<INamedTypeSymbol> HandlerInterfaces(INamedTypeSymbol handler, KnownTypeSymbols known) =>
        handler.AllInterfaces.Where(type => IsJobHandlerInterface(type, known)).ToList();

    /// <summary>True for a construction of <c>Jobs.IJobHandler&lt;TArgs&gt;</c>.</summary>
    public static bool IsJobHandlerInterface(INamedTypeSymbol type, KnownTypeSymbols known) =>
        KnownTypeSymbols.IsConstructionOf(type, known.JobHandlerInterface);

    /// <summary>The stem of a handler's enqueue methods: the class name less a trailing <c>Handler</c> or <c>Job</c>.</summary>
    public static string MethodName(string handlerName)
    {
        foreach (var suffix in new[] { "Handler", "Job" })
        {
            if (handlerName.Length > suffix.Length && handlerName.EndsWith(suffix, StringComparison.Ordinal))
            {
                return handlerName.Substring(0, handlerName.Length - suffix.Length);
            }
        }
        return handlerName;
    }

    /// <summary>
    /// A type <c>[assembly: JobsSerialization(Context = typeof(...))]</c> may name: a concrete,
    /// non-generic JsonSerializerContext the assembly can refer to.
    /// </summary>
    public static bool IsUsableSerializerContext(INamedTypeSymbol type, KnownTypeSymbols known) =>
        IsSerializerContext(type, known) && IsVisibleToGeneratedCode(type, known.Compilation);

    /// <summary>
    /// True when code the generator adds to the assembly, in files of its own, can name the type:
    /// accessible within the assembly, and neither file-local nor nested in a file-local type
    /// (which the compiler counts as accessible, yet only its own file can name).
    /// </summary>
    public static bool IsVisibleToGeneratedCode(INamedTypeSymbol type, Compilation compilation)
    {
        if (!compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
        {
            return false;
        }
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True for a class deriving from JsonSerializerContext that is neither abstract nor generic.</summary>
    public static bool IsSerializerContext(INamedTypeSymbol type, KnownTypeSymbols known) =>
        DerivesFromSerializerContext(type, known) && !type.IsAbstract && !type.IsGenericType;

    /// <summary>True for a class deriving, at any depth, from JsonSerializerContext.</summary>
    public static bool DerivesFromSerializerContext(INamedTypeSymbol type, KnownTypeSymbols known)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (KnownTypeSymbols.Is(current, known.JsonSerializerContext))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True for a generic type or a type nested, at any depth, in one.</summary>
    public static bool IsGenericOrInsideGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>Why a <c>[JobTask]</c> class gets no code, before its attribute and payload are looked at.</summary>
internal enum HandlerProblem
{
    /// <summary>Nothing: the class qualifies.</summary>
    None,

    /// <summary>Not a class (the attribute's usage makes this a compiler error already).</summary>
    NotAClass,

    /// <summary>An abstract class: nothing to resolve from DI.</summary>
    Abstract,

    /// <summary>A static class.</summary>
    Static,

    /// <summary>Generic, or nested in a generic type: no single type to register.</summary>
    Generic,

    /// <summary>Private, protected, private protected or file-local (at some level of nesting): generated code cannot name it.</summary>
    Inaccessible,
}
