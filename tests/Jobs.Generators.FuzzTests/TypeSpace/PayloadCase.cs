using System.Collections.Immutable;
using System.Text;
using Jobs;

namespace Jobs.Generators.FuzzTests.TypeSpace;

/// <summary>How a payload type is declared.</summary>
public enum TypeKind { Class, Record, Struct, RecordStruct }

/// <summary>How a member is declared.</summary>
public enum MemberForm
{
    /// <summary><c>{ get; set; }</c></summary>
    GetSet,
    /// <summary><c>{ get; init; }</c></summary>
    GetInit,
    /// <summary><c>{ get; private set; }</c></summary>
    GetPrivateSet,
    /// <summary><c>{ get; }</c>, assigned by the constructor when it is a parameter</summary>
    GetOnly,
    /// <summary>a field</summary>
    Field,
}

/// <summary>The declared accessibility of a member.</summary>
public enum Access { Public, Internal, Private }

/// <summary>A member's type.</summary>
public abstract record TypeRef
{
    /// <summary>A built-in type: its C# spelling.</summary>
    public sealed record Builtin(string Name) : TypeRef;

    /// <summary><c>T?</c>: <see cref="System.Nullable{T}"/> for value types, an annotation otherwise.</summary>
    public sealed record Nullable(TypeRef Of) : TypeRef;

    /// <summary><c>T[]</c></summary>
    public sealed record Array(TypeRef Of) : TypeRef;

    /// <summary>A generic collection (<c>List</c>, <c>IReadOnlyList</c>, ...) of one element type.</summary>
    public sealed record Collection(string Generic, TypeRef Of) : TypeRef;

    /// <summary>A dictionary with string keys (<c>Dictionary</c>, <c>IReadOnlyDictionary</c>, ...).</summary>
    public sealed record Dictionary(string Generic, TypeRef Of) : TypeRef;

    /// <summary>Another type of the case, by index.</summary>
    public sealed record Named(int Index) : TypeRef;

    /// <summary>An enum of the case, by index.</summary>
    public sealed record Enum(int Index) : TypeRef;
}

/// <summary>One member: a property, a field or a positional parameter; <see cref="Hides"/>: declared <c>new</c>, hiding a base member of its name.</summary>
public sealed record MemberDecl(
    string Name,
    TypeRef Type,
    MemberForm Form,
    Access Access,
    bool InConstructor,
    bool HasDefault,
    bool Required,
    string? JsonName,
    string? Ignore,
    bool Include,
    int? Order,
    bool Hides = false);

/// <summary>One declared type: its kind, its members, its base (by index), its constructor.</summary>
public sealed record TypeDecl(
    TypeKind Kind,
    bool Positional,
    bool JsonConstructor,
    int? Base,
    ImmutableArray<MemberDecl> Members);

/// <summary>An enum: its members' values, and whether it is written by name.</summary>
public sealed record EnumDecl(bool AsString, bool Flags, ImmutableArray<long> Values);

/// <summary>
/// A whole case: the payload type (index 0), the types and enums it uses, the assembly's naming
/// policy, and the seed of the random values tried on it. Rendered as one C# file with a handler.
/// </summary>
public sealed record PayloadCase(int Id, JobsNamingPolicy Policy, ImmutableArray<TypeDecl> Types, ImmutableArray<EnumDecl> Enums, int ValueSeed)
{
    /// <summary>The C# namespace of this case.</summary>
    public string Namespace => $"Fuzz.C{Id}";

    /// <summary>The name of type <paramref name="index"/>.</summary>
    public string TypeName(int index) => $"C{Id}T{index}";

    /// <summary>The name of enum <paramref name="index"/>.</summary>
    public string EnumName(int index) => $"C{Id}E{index}";

    /// <summary>Whether <paramref name="type"/> is a value type.</summary>
    public bool IsValueType(TypeRef type) => type switch
    {
        TypeRef.Builtin b => b.Name is not ("string" or "byte[]"),
        TypeRef.Nullable n => IsValueType(n.Of),
        TypeRef.Named n => Types[n.Index].Kind is TypeKind.Struct or TypeKind.RecordStruct,
        TypeRef.Enum => true,
        _ => false,
    };

    /// <summary>The C# spelling of <paramref name="type"/>.</summary>
    public string Spell(TypeRef type) => type switch
    {
        TypeRef.Builtin b => b.Name,
        TypeRef.Nullable n => Spell(n.Of) + "?",
        TypeRef.Array a => Spell(a.Of) + "[]",
        TypeRef.Collection c => $"{c.Generic}<{Spell(c.Of)}>",
        TypeRef.Dictionary d => $"{d.Generic}<string, {Spell(d.Of)}>",
        TypeRef.Named n => TypeName(n.Index),
        TypeRef.Enum e => EnumName(e.Index),
        _ => throw new InvalidOperationException(type.ToString()),
    };

    /// <summary>The members of type <paramref name="index"/> and of its bases, base first.</summary>
    public IEnumerable<MemberDecl> AllMembers(int index) =>
        (Types[index].Base is { } b ? AllMembers(b) : []).Concat(Types[index].Members);

    /// <summary>The case as one C# file: usings, the naming policy, the types and a handler of type 0.</summary>
    public string Render(bool withPolicy = true)
    {
        var s = new StringBuilder();
        s.AppendLine("using System;");
        s.AppendLine("using System.Collections.Generic;");
        s.AppendLine("using System.Text.Json.Serialization;");
        s.AppendLine("using System.Threading;");
        s.AppendLine("using System.Threading.Tasks;");
        s.AppendLine("using Jobs;");
        s.AppendLine();
        if (withPolicy && Policy != JobsNamingPolicy.SnakeCaseLower)
        {
            s.AppendLine($"[assembly: JobsSerialization(NamingPolicy = JobsNamingPolicy.{Policy})]");
            s.AppendLine();
        }
        s.AppendLine($"namespace {Namespace};");
        for (var i = 0; i < Enums.Length; i++)
        {
            s.AppendLine();
            RenderEnum(s, i);
        }
        for (var i = 0; i < Types.Length; i++)
        {
            s.AppendLine();
            RenderType(s, i);
        }
        s.AppendLine();
        s.AppendLine($"[JobTask(\"c{Id}\")]");
        s.AppendLine($"public sealed class C{Id}Handler : IJobHandler<{TypeName(0)}>");
        s.AppendLine("{");
        s.AppendLine($"    public Task HandleAsync({TypeName(0)} args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;");
        s.AppendLine("}");
        return s.ToString();
    }

    private void RenderEnum(StringBuilder s, int index)
    {
        var e = Enums[index];
        if (e.AsString)
        {
            s.AppendLine("[JsonConverter(typeof(JsonStringEnumConverter))]");
        }
        if (e.Flags)
        {
            s.AppendLine("[Flags]");
        }
        s.AppendLine($"public enum {EnumName(index)}");
        s.AppendLine("{");
        for (var i = 0; i < e.Values.Length; i++)
        {
            s.AppendLine($"    {(i % 2 == 0 ? "Value" : "OtherName")}{i} = {e.Values[i]},");
        }
        s.AppendLine("}");
    }

    private void RenderType(StringBuilder s, int index)
    {
        var t = Types[index];
        var name = TypeName(index);
        var keyword = t.Kind switch
        {
            TypeKind.Class => "class",
            TypeKind.Record => "record",
            TypeKind.Struct => "struct",
            _ => "record struct",
        };
        var positional = t.Positional && t.Kind is TypeKind.Record or TypeKind.RecordStruct;
        var header = $"public {keyword} {name}";
        if (positional)
        {
            header += "(" + string.Join(", ", t.Members.Where(m => m.InConstructor).Select(Parameter)) + ")";
        }
        if (t.Base is { } b)
        {
            var baseArgs = positional && Types[b].Positional
                ? "(" + string.Join(", ", AllMembers(b).Where(m => m.InConstructor).Select(m => "default!")) + ")"
                : "";
            header += $" : {TypeName(b)}{baseArgs}";
        }
        s.AppendLine(header);
        s.AppendLine("{");
        foreach (var member in t.Members)
        {
            if (positional && member.InConstructor)
            {
                continue;
            }
            foreach (var attribute in Attributes(member, ""))
            {
                s.AppendLine($"    [{attribute}]");
            }
            s.AppendLine("    " + Declaration(member, t.Kind is TypeKind.Struct or TypeKind.RecordStruct && !positional));
        }
        if (!positional && t.Members.Any(m => m.InConstructor))
        {
            var ctorParams = t.Members.Where(m => m.InConstructor).ToList();
            if (t.JsonConstructor)
            {
                s.AppendLine("    [JsonConstructor]");
            }
            s.AppendLine($"    public {name}({string.Join(", ", ctorParams.Select(Parameter))})");
            s.AppendLine("    {");
            foreach (var m in ctorParams)
            {
                s.AppendLine($"        this.{m.Name} = {m.Name};");
            }
            s.AppendLine("    }");
            if (t.Kind is TypeKind.Class or TypeKind.Record && !t.JsonConstructor)
            {
                // Without [JsonConstructor] a second, parameterless constructor is the one used.
                s.AppendLine($"    public {name}() {{ }}");
            }
        }
        s.AppendLine("}");
    }

    private string Parameter(MemberDecl m)
    {
        var attributes = Attributes(m, "property: ").ToList();
        var prefix = string.Concat(attributes.Select(a => "[" + a + "] "));
        var @default = m.HasDefault ? " = " + DefaultValue(m.Type).Replace("default!", "default", StringComparison.Ordinal) : "";
        return $"{prefix}{Spell(m.Type)} {m.Name}{@default}";
    }

    private static IEnumerable<string> Attributes(MemberDecl m, string target)
    {
        if (m.JsonName is { } json)
        {
            yield return $"{target}JsonPropertyName({Literal(json)})";
        }
        if (m.Ignore is { } ignore)
        {
            yield return ignore == "" ? $"{target}JsonIgnore" : $"{target}JsonIgnore(Condition = JsonIgnoreCondition.{ignore})";
        }
        if (m.Include)
        {
            yield return $"{target}JsonInclude";
        }
        if (m.Order is { } order)
        {
            yield return $"{target}JsonPropertyOrder({order})";
        }
    }

    private string Declaration(MemberDecl m, bool noInitializers)
    {
        var access = m.Access switch { Access.Public => "public", Access.Internal => "internal", _ => "private" } + (m.Hides ? " new" : "");
        var required = m.Required ? "required " : "";
        var type = Spell(m.Type);
        var initializer = m.HasDefault && !m.InConstructor ? " = " + DefaultValue(m.Type) + ";" : "";
        if (!noInitializers && !m.HasDefault && !m.InConstructor && !m.Required && !IsValueType(m.Type) && m.Type is not TypeRef.Nullable)
        {
            initializer = " = default!;";
        }
        if (m.Form == MemberForm.Field)
        {
            return $"{access} {required}{type} {m.Name}{(initializer == "" ? ";" : initializer)}";
        }
        var accessors = m.Form switch
        {
            MemberForm.GetSet => "{ get; set; }",
            MemberForm.GetInit => "{ get; init; }",
            MemberForm.GetPrivateSet => "{ get; private set; }",
            _ => "{ get; }",
        };
        return $"{access} {required}{type} {m.Name} {accessors}{initializer}";
    }

    private string DefaultValue(TypeRef type) => type switch
    {
        TypeRef.Builtin { Name: "string" } => "\"dflt\"",
        TypeRef.Builtin { Name: "int" or "long" or "short" or "byte" or "double" or "decimal" or "float" } b => b.Name switch
        {
            "decimal" => "7m",
            "float" => "7f",
            "double" => "7.5",
            _ => "7",
        },
        TypeRef.Builtin { Name: "bool" } => "true",
        TypeRef.Builtin { Name: "char" } => "'d'",
        TypeRef.Enum e => Enums[e.Index].Values.Length > 0 ? $"{EnumName(e.Index)}.Value0" : "default",
        TypeRef.Nullable => "null",
        _ => IsValueType(type) ? "default" : "default!",
    };

    private static string Literal(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
