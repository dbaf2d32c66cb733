using System.Collections.Generic;
using System.Linq;
using Jobs.Generators.Model;

namespace Jobs.Generators;

public sealed partial class JobsGenerator
{
    internal static partial class Emitter
    {
        private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
        private const string Reader = "global::System.Text.Json.Utf8JsonReader";
        private const string Path = "global::Jobs.JobPayloadPath";
        private const string Read = "global::Jobs.JobPayloadReader";
        private const string Write = "global::Jobs.JobPayloadWriter";

        private static string Payloads(IReadOnlyList<HandlerModel> handlers, AssemblySettings settings, PayloadNames names)
        {
            var w = new SourceWriter();
            w.WriteLine(Header);
            w.WriteLine("namespace Jobs.Generated;");
            w.WriteLine();
            w.WriteLine("/// <summary>UTF-8 JSON writers and readers of the job payloads, equal in output to System.Text.Json's.</summary>");
            w.WriteLine(GeneratedCode);
            w.OpenBlock("internal static class " + PayloadsClass(settings));
            for (var i = 0; i < names.Roots.Count; i++)
            {
                if (i > 0)
                {
                    w.WriteLine();
                }
                RootMethods(w, names.Roots[i], names);
            }
            foreach (var shape in names.Shapes.Values)
            {
                w.WriteLine();
                switch (shape.Kind)
                {
                    case ShapeKind.Object:
                        ObjectMethods(w, shape, names, settings);
                        break;
                    case ShapeKind.Array:
                    case ShapeKind.List:
                        CollectionMethods(w, shape, names);
                        break;
                    case ShapeKind.Dictionary:
                        DictionaryMethods(w, shape, names);
                        break;
                    case ShapeKind.StringEnum:
                        StringEnumMethods(w, shape, names);
                        break;
                    case ShapeKind.External:
                        ExternalMethods(w, shape, names, settings);
                        break;
                }
            }
            w.CloseBlock();
            return w.ToString();
        }

        private static void RootMethods(SourceWriter w, TypeRef root, PayloadNames names)
        {
            var id = names.Root(root);
            var type = DeclaredName(root);
            w.WriteLine("/// <summary>The payload of <paramref name=\"value\"/> as UTF-8 JSON.</summary>");
            // A nullable struct (Point?) cannot go to Write{id}(Point): it takes the general path, which writes null or the value.
            var versioned = names.Versioned(root);
            if (versioned is not null)
            {
                // Stamped "$version": the reader tells this version's payloads from earlier ones by it.
                w.WriteLine($"public static global::System.ReadOnlyMemory<byte> Serialize{id}({type} value) => global::Jobs.JobPayloadVersions.Stamp({Write}.Serialize(value, Write{id}), {versioned.Version});");
            }
            else if (root.Kind == ValueKind.Shape && !(root.IsValueType && root.IsNullable))
            {
                w.WriteLine($"public static global::System.ReadOnlyMemory<byte> Serialize{id}({type} value) => {Write}.Serialize(value, Write{id});");
            }
            else
            {
                w.OpenBlock($"public static global::System.ReadOnlyMemory<byte> Serialize{id}({type} value) => {Write}.Serialize(value, static (writer, payload) =>");
                var temp = 0;
                WriteValue(w, root, "payload", names, ref temp);
                w.CloseBlock(");");
            }
            w.WriteLine();
            w.WriteLine("/// <summary>Reads a payload; a <see cref=\"global::Jobs.JobPayloadException\"/> names what does not fit.</summary>");
            w.OpenBlock($"public static {type} Deserialize{id}(global::System.ReadOnlySpan<byte> json)");
            if (versioned is not null)
            {
                // An earlier version's payload is read as that version's type, then upcast; a later one is refused.
                // 0: not an object (null, say), which this version's reader reads or refuses itself.
                w.WriteLine("var version = global::Jobs.JobPayloadVersions.Of(json);");
                w.OpenBlock($"if (version != 0 && version < {versioned.Version})");
                w.WriteLine($"return {type}.Upcast(Deserialize{names.Root(versioned.Previous!)}(json));");
                w.CloseBlock();
                w.OpenBlock($"if (version > {versioned.Version})");
                w.WriteLine($"throw global::Jobs.JobPayloadVersions.Newer(version, {versioned.Version}, {Literal(type.Replace("global::", ""))});");
                w.CloseBlock();
            }
            // Not new Utf8JsonReader(json): its default depth limit (64) is far below what a client accepts.
            w.WriteLine($"var reader = {Read}.Open(json);");
            w.OpenBlock("try");
            w.WriteLine($"{Read}.ReadRoot(ref reader);");
            w.WriteLine($"var value = {ReadValue(root, Path + ".Root", names)};");
            w.WriteLine($"{Read}.ReadEnd(ref reader);");
            w.WriteLine("return value;");
            w.CloseBlock();
            w.OpenBlock("catch (global::System.Text.Json.JsonException exception)");
            w.WriteLine("throw global::Jobs.JobPayloadErrors.NotJson(exception);");
            w.CloseBlock();
            w.CloseBlock();
        }

        /// <summary>An object's members as the methods see them: each with its JSON name, and those written and those read.</summary>
        private sealed class EmittedMembers
        {
            public EmittedMembers(PayloadShape shape, AssemblySettings settings)
            {
                All = shape.Properties.Select(p => (Model: p, Json: p.JsonName ?? JsonNames.Convert(p.Name, settings.NamingPolicy))).ToList();
                Written = All.Where(p => p.Model.Write != WriteCondition.Never).ToList();
                Read = All.Where(p => p.Model.Read != ReadMode.None).ToList();
            }

            public List<(PayloadProperty Model, string Json)> All { get; }

            public List<(PayloadProperty Model, string Json)> Written { get; }

            public List<(PayloadProperty Model, string Json)> Read { get; }
        }

        /// <summary>An object: its encoded property names, its [UnsafeAccessor]s, <c>Write…</c> and <c>Read…</c>.</summary>
        private static void ObjectMethods(SourceWriter w, PayloadShape shape, PayloadNames names, AssemblySettings settings)
        {
            var id = names.Of(shape.Key);
            var members = new EmittedMembers(shape, settings);
            w.WriteLine($"// {shape.TypeName}");
            foreach (var property in members.Written)
            {
                w.WriteLine($"private static readonly global::System.Text.Json.JsonEncodedText s_{id}_{property.Model.Name} = global::System.Text.Json.JsonEncodedText.Encode({Literal(property.Json)});");
            }
            var accessors = ObjectAccessors(w, shape, id, members);
            w.WriteLine();
            ObjectWriter(w, shape, id, members, accessors, names);
            w.WriteLine();
            ObjectReader(w, shape, id, members, accessors, names);
        }

        /// <summary>
        /// Accessors of members generated code cannot name: at class level for a non-generic
        /// declaring type, else in a nested class over the generic type's own type parameters.
        /// </summary>
        private static Accessors ObjectAccessors(SourceWriter w, PayloadShape shape, string id, EmittedMembers members)
        {
            var properties = members.All;
            var read = members.Read;
            var written = members.Written;
            var accessors = new Accessors(w, id);
            var byRef = shape.IsValueType ? "ref " : "";
            foreach (var property in properties.Where(p => p.Model.IsField && p.Model.GetterViaAccessor).Select(p => p.Model))
            {
                accessors.Add(
                    property.Owner,
                    "A non-public field under [JsonInclude], read and written as System.Text.Json's reflection does.",
                    $"UnsafeAccessorKind.Field, Name = {Literal(property.Name)}",
                    $"ref {MemberType(property)} Field{id}_{property.Name}({byRef}{Target(property)} target)");
            }
            foreach (var property in read.Where(p => p.Model.Read == ReadMode.InitAccessor && !p.Model.IsField).Select(p => p.Model))
            {
                accessors.Add(
                    property.Owner,
                    "An init accessor or non-public setter, called only when the JSON has the property so that a missing one keeps its initializer.",
                    $"UnsafeAccessorKind.Method, Name = \"set_{property.Name}\"",
                    $"void Init{id}_{property.Name}({byRef}{Target(property)} target, {MemberType(property)} value)");
            }
            foreach (var property in written.Where(p => p.Model.GetterViaAccessor && !p.Model.IsField).Select(p => p.Model))
            {
                accessors.Add(
                    property.Owner,
                    "A non-public getter under [JsonInclude], read as System.Text.Json's reflection reads it.",
                    $"UnsafeAccessorKind.Method, Name = \"get_{property.Name}\"",
                    $"{MemberType(property)} Get{id}_{property.Name}({byRef}{Target(property)} target)");
            }
            if (shape.ConstructorViaAccessor)
            {
                var byNameForConstructor = properties.ToDictionary(p => p.Model.Name, p => p.Model);
                var parameterList = string.Join(", ", shape.ConstructorParameters.Select((name, i) =>
                    $"{(shape.Owner is null ? DeclaredName(byNameForConstructor[name].Type) : shape.OpenConstructorTypes[i])} p{i}"));
                accessors.Add(
                    shape.Owner,
                    "A non-public [JsonConstructor], or one C#'s required-member check would stop, called as System.Text.Json's reflection calls it.",
                    "UnsafeAccessorKind.Constructor",
                    $"{shape.Owner?.OpenType ?? shape.TypeName} New{id}({parameterList})");
            }
            accessors.WriteGenericClasses();
            return accessors;
        }

        /// <summary><c>Write…</c>: the members in order, each under its write condition.</summary>
        private static void ObjectWriter(SourceWriter w, PayloadShape shape, string id, EmittedMembers members, Accessors accessors, PayloadNames names)
        {
            var written = members.Written;
            var byRef = shape.IsValueType ? "ref " : "";
            w.OpenBlock($"public static void Write{id}({Writer} writer, {(shape.IsValueType ? shape.TypeName : shape.TypeName + "?")} value)");
            if (!shape.IsValueType)
            {
                w.OpenBlock("if (value is null)");
                w.WriteLine("writer.WriteNullValue();");
                w.WriteLine("return;");
                w.CloseBlock();
            }
            w.WriteLine("writer.WriteStartObject();");
            var temp = 0;
            foreach (var property in written)
            {
                var access = !property.Model.GetterViaAccessor ? (property.Model.Hidden ? $"(({property.Model.DeclaringType})value)." : "value.") + Member(property.Model.Name)
                    : property.Model.IsField ? $"{accessors.Prefix(property.Model.Owner)}Field{id}_{property.Model.Name}({byRef}value)"
                    : $"{accessors.Prefix(property.Model.Owner)}Get{id}_{property.Model.Name}({byRef}value)";
                var condition = property.Model.Write switch
                {
                    WriteCondition.WhenNotNull => $"{access} is not null",
                    WriteCondition.WhenNotDefault => $"!global::System.Collections.Generic.EqualityComparer<{DeclaredName(property.Model.Type)}>.Default.Equals({access}, default)",
                    _ => null,
                };
                if (condition is not null)
                {
                    w.OpenBlock($"if ({condition})");
                }
                WriteProperty(w, property.Model.Type, $"s_{id}_{property.Model.Name}", access, names, ref temp);
                if (condition is not null)
                {
                    w.CloseBlock();
                }
            }
            w.WriteLine("writer.WriteEndObject();");
            w.CloseBlock();
        }

        /// <summary><c>Read…</c>: each member into a local, the required ones checked, then the object created.</summary>
        private static void ObjectReader(SourceWriter w, PayloadShape shape, string id, EmittedMembers members, Accessors accessors, PayloadNames names)
        {
            var read = members.Read;
            w.OpenBlock($"public static {shape.TypeName} Read{id}(ref {Reader} reader, {Path} at)");
            w.WriteLine($"{Read}.ExpectObject(ref reader, at);");
            w.WriteLine("var path = at.ToString();");
            foreach (var (property, _) in read)
            {
                var initial = property.DefaultValue ?? "default";
                w.WriteLine($"{NullableName(property.Type)} value{property.Name} = {initial};");
                if (NeedsPresence(property))
                {
                    w.WriteLine($"var has{property.Name} = false;");
                }
            }
            w.OpenBlock($"while ({Read}.NextProperty(ref reader))");
            var first = true;
            foreach (var (property, json) in read)
            {
                w.OpenBlock($"{(first ? "if" : "else if")} (reader.ValueTextEquals({Literal(json)}u8))");
                w.WriteLine("reader.Read();");
                w.WriteLine($"value{property.Name} = {ReadValue(property.Type, $"new(path, {Literal(json)})", names)};");
                if (NeedsPresence(property))
                {
                    w.WriteLine($"has{property.Name} = true;");
                }
                w.CloseBlock();
                first = false;
            }
            if (first)
            {
                w.WriteLine("reader.Skip();");
            }
            else
            {
                w.OpenBlock("else");
                w.WriteLine("reader.Skip();");
                w.CloseBlock();
            }
            w.CloseBlock();
            foreach (var (property, json) in read.Where(p => p.Model.IsRequired))
            {
                w.OpenBlock($"if (!has{property.Name})");
                w.WriteLine($"throw global::Jobs.JobPayloadErrors.Missing(path, {Literal(json)});");
                w.CloseBlock();
            }
            CreateObject(w, shape, id, read, accessors);
            w.CloseBlock();
        }

        /// <summary>The end of <c>Read…</c>: construct (directly, through an accessor or as <c>default</c>), then assign what the JSON had.</summary>
        private static void CreateObject(SourceWriter w, PayloadShape shape, string id, List<(PayloadProperty Model, string Json)> read, Accessors accessors)
        {
            var byRef = shape.IsValueType ? "ref " : "";
            var byName = read.ToDictionary(p => p.Model.Name, p => p.Model);
            var arguments = string.Join(", ", shape.ConstructorParameters.Select(name => Value(byName[name])));
            var initialized = read.Where(p => p.Model.Read == ReadMode.Initializer).ToList();
            var assignedLater = read.Where(p => p.Model.Read is ReadMode.Setter or ReadMode.InitAccessor).ToList();
            var create = shape.CreateAsDefault ? $"default({shape.TypeName})"
                : shape.ConstructorViaAccessor ? $"{accessors.Prefix(shape.Owner)}New{id}({arguments})"
                : $"new {shape.TypeName}({arguments})";
            if (initialized.Count == 0 && assignedLater.Count == 0)
            {
                w.WriteLine($"return {create};");
                return;
            }
            if (initialized.Count == 0)
            {
                w.WriteLine($"var result = {create};");
            }
            else
            {
                w.WriteLine($"var result = new {shape.TypeName}({arguments})");
                w.WriteLine("{");
                w.Indent();
                foreach (var (property, _) in initialized)
                {
                    w.WriteLine($"{Member(property.Name)} = {Value(property)},");
                }
                w.Unindent();
                w.WriteLine("};");
            }
            foreach (var (property, _) in assignedLater)
            {
                w.OpenBlock($"if (has{property.Name})");
                w.WriteLine(property.IsField && property.GetterViaAccessor ? $"{accessors.Prefix(property.Owner)}Field{id}_{property.Name}({byRef}result) = {Value(property)};"
                    : property.Read == ReadMode.Setter || property.IsField ? $"{(property.Hidden ? $"(({property.DeclaringType})result)" : "result")}.{Member(property.Name)} = {Value(property)};"
                    : $"{accessors.Prefix(property.Owner)}Init{id}_{property.Name}({byRef}result, {Value(property)});");
                w.CloseBlock();
            }
            w.WriteLine("return result;");
        }

        /// <summary>A member's type in an accessor's signature: as declared, over the generic owner's type parameters if any.</summary>
        private static string MemberType(PayloadProperty property) => property.Owner is null ? DeclaredName(property.Type) : property.OpenType!;

        /// <summary>The type an accessor takes: the declaring type, over the generic owner's type parameters if any.</summary>
        private static string Target(PayloadProperty property) => property.Owner?.OpenType ?? property.DeclaringType;

        /// <summary>
        /// The [UnsafeAccessor] declarations of one object shape. .NET 9+ binds an accessor of a
        /// generic type's member only when it is declared in a generic class over the type's own
        /// type parameters (one naming the closed type throws MissingMethodException at run time),
        /// so those go to one nested class per generic declaring type and are called through it.
        /// </summary>
        private sealed class Accessors(SourceWriter w, string id)
        {
            private const string Attribute = "global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.";
            private readonly List<(GenericOwner Owner, string Name, List<(string Comment, string Kind, string Signature)> Members)> _generic = new();

            public void Add(GenericOwner? owner, string comment, string kind, string signature)
            {
                if (owner is null)
                {
                    w.WriteLine();
                    w.WriteLine("// " + comment);
                    w.WriteLine($"[{Attribute}{kind})]");
                    w.WriteLine($"private static extern {signature};");
                    return;
                }
                Group(owner).Members.Add((comment, kind, signature));
            }

            /// <summary>How a call names an accessor: nothing for a class-level one, else its class closed over the type arguments.</summary>
            public string Prefix(GenericOwner? owner) => owner is null ? "" : $"{Group(owner).Name}<{owner.Arguments}>.";

            public void WriteGenericClasses()
            {
                foreach (var (owner, name, members) in _generic.Where(g => g.Members.Count > 0))
                {
                    w.WriteLine();
                    w.WriteLine($"// Accessors of {owner.OpenType}, declared over its own type parameters as [UnsafeAccessor] on a generic type requires (.NET 9+).");
                    w.OpenBlock($"private static class {name}<{owner.Parameters}>{owner.Constraints}");
                    for (var i = 0; i < members.Count; i++)
                    {
                        if (i > 0)
                        {
                            w.WriteLine();
                        }
                        w.WriteLine("// " + members[i].Comment);
                        w.WriteLine($"[{Attribute}{members[i].Kind})]");
                        w.WriteLine($"internal static extern {members[i].Signature};");
                    }
                    w.CloseBlock();
                }
            }

            private (GenericOwner Owner, string Name, List<(string Comment, string Kind, string Signature)> Members) Group(GenericOwner owner)
            {
                foreach (var group in _generic)
                {
                    if (group.Owner.OpenType == owner.OpenType)
                    {
                        return group;
                    }
                }
                var added = (owner, $"Accessors{id}" + (_generic.Count == 0 ? "" : (_generic.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), new List<(string, string, string)>());
                _generic.Add(added);
                return added;
            }
        }

        /// <summary>A member name as code: <c>@event</c> for a property named like a keyword.</summary>
        private static string Member(string name) =>
            Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

        private static bool NeedsPresence(PayloadProperty property) =>
            property.IsRequired || property.Read is ReadMode.Setter or ReadMode.InitAccessor;

        /// <summary>The local holding a read property, forgiven where it was checked present (or may keep its default).</summary>
        private static string Value(PayloadProperty property) =>
            property.Type.IsValueType || property.Type.IsNullable ? "value" + property.Name : "value" + property.Name + "!";

        private static void CollectionMethods(SourceWriter w, PayloadShape shape, PayloadNames names)
        {
            var id = names.Of(shape.Key);
            var element = shape.Element!;
            w.OpenBlock($"public static void Write{id}({Writer} writer, {shape.TypeName}? value)");
            w.OpenBlock("if (value is null)");
            w.WriteLine("writer.WriteNullValue();");
            w.WriteLine("return;");
            w.CloseBlock();
            w.WriteLine("writer.WriteStartArray();");
            w.OpenBlock("foreach (var item in value)");
            var temp = 0;
            WriteValue(w, element, "item", names, ref temp);
            w.CloseBlock();
            w.WriteLine("writer.WriteEndArray();");
            w.CloseBlock();

            var list = $"global::System.Collections.Generic.List<{DeclaredName(element)}>";
            w.WriteLine();
            w.OpenBlock($"public static {(shape.Kind == ShapeKind.Array ? shape.TypeName : list)} Read{id}(ref {Reader} reader, {Path} at)");
            w.WriteLine($"{Read}.ExpectArray(ref reader, at);");
            w.WriteLine("var path = at.ToString();");
            w.WriteLine($"var result = new {list}();");
            w.OpenBlock($"for (var index = 0; {Read}.NextElement(ref reader); index++)");
            w.WriteLine($"result.Add({ReadValue(element, "new(path, index)", names)});");
            w.CloseBlock();
            w.WriteLine(shape.Kind == ShapeKind.Array ? "return result.ToArray();" : "return result;");
            w.CloseBlock();
        }

        private static void DictionaryMethods(SourceWriter w, PayloadShape shape, PayloadNames names)
        {
            var id = names.Of(shape.Key);
            var value = shape.Element!;
            w.OpenBlock($"public static void Write{id}({Writer} writer, {shape.TypeName}? value)");
            w.OpenBlock("if (value is null)");
            w.WriteLine("writer.WriteNullValue();");
            w.WriteLine("return;");
            w.CloseBlock();
            w.WriteLine("writer.WriteStartObject();");
            w.OpenBlock("foreach (var pair in value)");
            w.WriteLine($"{Write}.WritePropertyName(writer, pair.Key);");
            var temp = 0;
            WriteValue(w, value, "pair.Value", names, ref temp);
            w.CloseBlock();
            w.WriteLine("writer.WriteEndObject();");
            w.CloseBlock();

            var dictionary = $"global::System.Collections.Generic.Dictionary<string, {DeclaredName(value)}>";
            w.WriteLine();
            w.OpenBlock($"public static {dictionary} Read{id}(ref {Reader} reader, {Path} at)");
            w.WriteLine($"{Read}.ExpectObject(ref reader, at);");
            w.WriteLine("var path = at.ToString();");
            w.WriteLine($"var result = new {dictionary}();");
            w.OpenBlock($"while ({Read}.NextProperty(ref reader))");
            w.WriteLine($"var key = {Read}.PropertyName(ref reader);");
            w.WriteLine("reader.Read();");
            w.WriteLine($"result[key] = {ReadValue(value, "new(path, key)", names)};");
            w.CloseBlock();
            w.WriteLine("return result;");
            w.CloseBlock();
        }

        private static void StringEnumMethods(SourceWriter w, PayloadShape shape, PayloadNames names)
        {
            var id = names.Of(shape.Key);
            var underlying = shape.Element!;
            var written = shape.Members.Where(m => !m.IsAlias).ToList();
            w.WriteLine($"// {shape.TypeName}: member names, as JsonStringEnumConverter writes them; other values as numbers.");
            foreach (var member in written)
            {
                w.WriteLine($"private static readonly global::System.Text.Json.JsonEncodedText s_{id}_{member.Name} = global::System.Text.Json.JsonEncodedText.Encode({Literal(member.JsonName)});");
            }
            w.WriteLine();
            w.OpenBlock($"public static void Write{id}({Writer} writer, {shape.TypeName} value)");
            w.OpenBlock("switch (value)");
            foreach (var member in written)
            {
                w.WriteLine($"case {shape.TypeName}.{Member(member.Name)}:");
                w.Indent();
                w.WriteLine($"writer.WriteStringValue(s_{id}_{member.Name});");
                w.WriteLine("return;");
                w.Unindent();
            }
            w.WriteLine("default:");
            w.Indent();
            w.WriteLine($"writer.WriteNumberValue(({underlying.TypeName})value);");
            w.WriteLine("return;");
            w.Unindent();
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
            w.OpenBlock($"public static {shape.TypeName} Read{id}(ref {Reader} reader, {Path} at)");
            w.OpenBlock("if (reader.TokenType == global::System.Text.Json.JsonTokenType.Number)");
            w.WriteLine($"return ({shape.TypeName}){ReadValue(underlying, "at", names)};");
            w.CloseBlock();
            w.WriteLine($"var text = {Read}.ReadString(ref reader, at);");
            // As JsonStringEnumConverter reads: a [JsonStringEnumMemberName] exactly, a C# name in
            // any case and around blanks, and a number in a string.
            foreach (var member in shape.Members.Where(m => m.JsonName != m.Name))
            {
                w.OpenBlock($"if (text == {Literal(member.JsonName)})");
                w.WriteLine($"return {shape.TypeName}.{Member(member.Name)};");
                w.CloseBlock();
            }
            w.WriteLine("var trimmed = text.Trim();");
            foreach (var member in shape.Members.Where(m => m.JsonName == m.Name))
            {
                w.OpenBlock($"if (string.Equals(trimmed, {Literal(member.Name)}, global::System.StringComparison.OrdinalIgnoreCase))");
                w.WriteLine($"return {shape.TypeName}.{Member(member.Name)};");
                w.CloseBlock();
            }
            w.OpenBlock($"if ({underlying.TypeName}.TryParse(trimmed, global::System.Globalization.NumberStyles.AllowLeadingSign, global::System.Globalization.CultureInfo.InvariantCulture, out var number))");
            w.WriteLine($"return ({shape.TypeName})number;");
            w.CloseBlock();
            w.WriteLine($"throw global::Jobs.JobPayloadErrors.Invalid(at, {Literal("one of " + string.Join(", ", written.Select(m => m.JsonName)))});");
            w.CloseBlock();
        }

        private static void ExternalMethods(SourceWriter w, PayloadShape shape, PayloadNames names, AssemblySettings settings)
        {
            var id = names.Of(shape.Key);
            var typeInfo = $"global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{shape.TypeName}>";
            w.WriteLine($"// {shape.TypeName}: not a shape the generated code handles, so the assembly's JsonSerializerContext does.");
            w.WriteLine($"private static {typeInfo}? s_{id}TypeInfo;");
            w.WriteLine();
            w.WriteLine($"private static {typeInfo} {id}TypeInfo => s_{id}TypeInfo ??= global::Jobs.JobSerializerContexts.GetTypeInfo<{shape.TypeName}>({settings.ContextTypeName}.Default);");
            w.WriteLine();
            w.WriteLine($"public static void Write{id}({Writer} writer, {(shape.IsValueType ? shape.TypeName : shape.TypeName + "?")} value) => {Write}.WriteWith(writer, value, {id}TypeInfo);");
            w.WriteLine();
            w.WriteLine($"public static {shape.TypeName} Read{id}(ref {Reader} reader, {Path} at) => {Read}.ReadWith(ref reader, at, {id}TypeInfo)!;");
        }

        /// <summary>A property: name and value in one writer call where Utf8JsonWriter has one (as System.Text.Json's fast path does).</summary>
        private static void WriteProperty(SourceWriter w, TypeRef type, string name, string value, PayloadNames names, ref int temp)
        {
            var combined = type.IsValueType && type.IsNullable ? null : type.Kind switch
            {
                ValueKind.Boolean => $"writer.WriteBoolean({name}, {value});",
                // Caller text goes through the runtime, which refuses a lone surrogate instead of letting it become U+FFFD.
                ValueKind.String => $"{Write}.{RuntimeHelpers.PropertyWriter(type.Kind)}(writer, {name}, {value});",
                ValueKind.Guid or ValueKind.DateTime or ValueKind.DateTimeOffset => $"writer.WriteString({name}, {value});",
                ValueKind.Byte or ValueKind.SByte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32 or ValueKind.UInt32
                    or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.Single or ValueKind.Double or ValueKind.Decimal => $"writer.WriteNumber({name}, {value});",
                ValueKind.Enum => $"writer.WriteNumber({name}, ({type.EnumUnderlyingType}){value});",
                _ => null,
            };
            if (combined is not null)
            {
                w.WriteLine(combined);
                return;
            }
            w.WriteLine($"writer.WritePropertyName({name});");
            WriteValue(w, type, value, names, ref temp);
        }

        private static void WriteValue(SourceWriter w, TypeRef type, string value, PayloadNames names, ref int temp)
        {
            if (type.IsValueType && type.IsNullable)
            {
                var inner = "item" + temp++;
                w.OpenBlock($"if ({value} is {{ }} {inner})");
                WriteNonNull(w, type, inner, names);
                w.CloseBlock();
                w.OpenBlock("else");
                w.WriteLine("writer.WriteNullValue();");
                w.CloseBlock();
                return;
            }
            WriteNonNull(w, type, value, names);
        }

        private static void WriteNonNull(SourceWriter w, TypeRef type, string value, PayloadNames names)
        {
            w.WriteLine(type.Kind switch
            {
                ValueKind.Boolean => $"writer.WriteBooleanValue({value});",
                _ when RuntimeHelpers.ValueWriter(type.Kind) is { } helper => $"{Write}.{helper}(writer, {value});",
                ValueKind.Guid or ValueKind.DateTime or ValueKind.DateTimeOffset => $"writer.WriteStringValue({value});",
                ValueKind.Enum => $"writer.WriteNumberValue(({type.EnumUnderlyingType}){value});",
                ValueKind.Shape => $"Write{names.Of(type.ShapeKey!)}(writer, {value});",
                _ => $"writer.WriteNumberValue({value});",
            });
        }

        private static string ReadValue(TypeRef type, string path, PayloadNames names)
        {
            var read = type.Kind switch
            {
                _ when type.IsNullable && RuntimeHelpers.NullableReader(type.Kind) is { } nullableReader => $"{Read}.{nullableReader}(ref reader, {path})",
                ValueKind.Enum => $"({type.TypeName}){Read}.{RuntimeHelpers.Reader(RuntimeHelpers.EnumUnderlyingKind(type.EnumUnderlyingType))}(ref reader, {path})",
                ValueKind.Shape => $"Read{names.Of(type.ShapeKey!)}(ref reader, {path})",
                _ => $"{Read}.{RuntimeHelpers.Reader(type.Kind)}(ref reader, {path})",
            };
            if (!type.IsNullable || RuntimeHelpers.NullableReader(type.Kind) is not null)
            {
                return read;
            }
            return $"reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? {(type.IsValueType ? $"default({type.TypeName}?)" : "null")} : {read}";
        }
    }
}
