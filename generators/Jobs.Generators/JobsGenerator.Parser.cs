using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Jobs.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Jobs.Generators;

// Compiled into the analyzers as well (linked from analyzers/Jobs.Analyzers), so they judge
// payloads by this very code: hence no accessibility modifier here, the generator's other part
// declares the class public.
partial class JobsGenerator
{
    /// <summary>
    /// The only code that touches symbols: turns a handler and its payload types into models of
    /// strings. Returns null for anything it cannot handle, so the emitter never sees it.
    /// </summary>
    internal sealed class Parser
    {
        /// <summary>What <see cref="ParsePayload"/> found.</summary>
        /// <param name="Args">The arguments type.</param>
        /// <param name="Shapes">Every shape the arguments need, the arguments' own first.</param>
        /// <param name="External">The shapes left to the serializer context, each with why.</param>
        /// <param name="Unmatchable">Members System.Text.Json reads or writes that generated code cannot reach on the target framework: the handler gets no code.</param>
        /// <param name="Refused">Types System.Text.Json itself refuses (it throws InvalidOperationException for their contract): the handler gets no code.</param>
        internal sealed record Payload(TypeRef Args, EquatableArray<PayloadShape> Shapes, IReadOnlyList<UnsupportedType> External, IReadOnlyList<UnmatchableMember> Unmatchable, IReadOnlyList<RefusedContract> Refused);

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private readonly Compilation _compilation;
        private readonly KnownTypeSymbols _known;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, PayloadShape?> _shapes = new(StringComparer.Ordinal);
        private readonly List<string> _order = new();
        private readonly Dictionary<string, UnsupportedType> _unsupported = new(StringComparer.Ordinal);
        private (UnsupportedReason Reason, string? Detail, bool IsField) _lastUnsupported;
        private readonly List<UnmatchableMember> _unmatchable = new();
        private readonly List<RefusedContract> _refused = new();
        private JobsNamingPolicy? _namingPolicy;

        private Parser(Compilation compilation, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _known = KnownTypeSymbols.For(compilation);
            _cancellationToken = cancellationToken;
        }

        public static HandlerModel? ParseHandler(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var compilation = context.SemanticModel.Compilation;
            var known = KnownTypeSymbols.For(compilation);
            if (context.TargetSymbol is not INamedTypeSymbol handler
                || HandlerRules.ProblemWith(handler, compilation) != HandlerProblem.None)
            {
                return null;
            }

            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Value is not string taskName
                || !HandlerRules.IsValidTaskName(taskName))
            {
                return null;
            }

            string? queue = null;
            int? priority = null, maxAttempts = null, timeoutSeconds = null;
            foreach (var argument in attribute.NamedArguments)
            {
                if (!HandlerRules.IsValidNamedArgument(argument.Key, argument.Value.Value))
                {
                    return null;
                }
                switch (argument.Key)
                {
                    case "Queue" when argument.Value.Value is string value:
                        queue = value;
                        break;
                    case "Priority" when argument.Value.Value is int value:
                        priority = value;
                        break;
                    case "MaxAttempts" when argument.Value.Value is int value:
                        maxAttempts = value;
                        break;
                    case "TimeoutSeconds" when argument.Value.Value is int value:
                        timeoutSeconds = value;
                        break;
                }
            }

            var interfaces = HandlerRules.HandlerInterfaces(handler, known);
            if (interfaces.Count != 1)
            {
                return null;
            }
            var argsType = interfaces[0].TypeArguments[0];

            if (ParsePayload(argsType, compilation, cancellationToken) is not { Unmatchable.Count: 0, Refused.Count: 0 } payload)
            {
                return null;
            }

            return new HandlerModel(
                TypeName: Display(handler),
                MethodName: HandlerRules.MethodName(handler.Name),
                TaskName: taskName,
                Queue: queue,
                Priority: priority,
                MaxAttempts: maxAttempts,
                TimeoutSeconds: timeoutSeconds,
                IsPublic: IsEffectivelyPublic(handler) && IsEffectivelyPublic(argsType),
                Args: payload.Args,
                Shapes: payload.Shapes,
                Recurring: ParseRecurring(handler, known));
        }

        /// <summary>The handler's [Recurring], or null when it has none or a value the analyzer reports (JOBS013, JOBS014).</summary>
        private static RecurringModel? ParseRecurring(INamedTypeSymbol handler, KnownTypeSymbols known)
        {
            if (KnownTypeSymbols.Attribute(handler, known.RecurringAttribute) is { } attribute)
            {
                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string cron
                    || RecurringRules.CronProblem(cron) is not null)
                {
                    return null;
                }
                string? key = null, timeZone = null, payload = null;
                foreach (var argument in attribute.NamedArguments)
                {
                    switch (argument.Key)
                    {
                        case "Key":
                            key = argument.Value.Value as string;
                            break;
                        case "TimeZone":
                            timeZone = argument.Value.Value as string;
                            break;
                        case "Payload":
                            payload = argument.Value.Value as string;
                            if (payload is not null && RecurringRules.JsonProblem(payload) is not null)
                            {
                                return null;
                            }
                            break;
                    }
                }
                return new RecurringModel(cron, key, timeZone, payload);
            }
            return null;
        }

        /// <summary>
        /// The arguments type as the generated serializers see it: its <see cref="TypeRef"/>, every
        /// shape it needs, and which of those the serializer context must serve and why. Null when
        /// generated code cannot refer to the type at all.
        /// </summary>
        public static Payload? ParsePayload(ITypeSymbol argsType, Compilation compilation, CancellationToken cancellationToken)
        {
            var parser = new Parser(compilation, cancellationToken);
            var args = parser.Resolve(argsType);
            if (args is null)
            {
                return null;
            }

            var shapes = parser._order.Select(key => parser._shapes[key]).ToList();
            if (shapes.Any(shape => shape is null))
            {
                return null;
            }

            var external = shapes
                .Where(shape => shape!.Kind == ShapeKind.External)
                .Select(shape => parser._unsupported[shape!.Key])
                .ToList();
            // Only members of shapes the generated code handles count: a type left to the context is the context's.
            var kept = new HashSet<string>(shapes.Where(shape => shape!.Kind == ShapeKind.Object).Select(shape => shape!.Key), StringComparer.Ordinal);
            var unmatchable = parser._unmatchable.Where(member => kept.Contains(member.TypeName)).Distinct().ToList();
            var refused = parser._refused.Where(type => kept.Contains(type.TypeName)).Distinct().ToList();
            return new Payload(args, shapes.Select(shape => shape!).ToEquatableArray(), external, unmatchable, refused);
        }

        /// <summary>The assembly's naming policy, as <see cref="ParseSettings"/> reads it.</summary>
        internal static JobsNamingPolicy NamingPolicyOf(Compilation compilation) => ReadSerializationSettings(compilation, default).Policy;

        public static AssemblySettings ParseSettings(Compilation compilation, CancellationToken cancellationToken)
        {
            var (policy, context) = ReadSerializationSettings(compilation, cancellationToken);
            return new AssemblySettings(AssemblyIdentifier(compilation.AssemblyName), policy, context is null ? null : Display(context));
        }

        /// <summary>
        /// <c>[assembly: JobsSerialization]</c>: the naming policy (snake_case unless it names a defined
        /// one) and the usable JsonSerializerContext it names, if any. The analyzers read it through here too.
        /// </summary>
        internal static (JobsNamingPolicy Policy, INamedTypeSymbol? Context) ReadSerializationSettings(Compilation compilation, CancellationToken cancellationToken)
        {
            var known = KnownTypeSymbols.For(compilation);
            var policy = JobsNamingPolicy.SnakeCaseLower;
            INamedTypeSymbol? context = null;
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!KnownTypeSymbols.Is(attribute.AttributeClass, known.JobsSerializationAttribute))
                {
                    continue;
                }
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "NamingPolicy" && argument.Value.Value is int value && Enum.IsDefined(typeof(JobsNamingPolicy), value))
                    {
                        policy = (JobsNamingPolicy)value;
                    }
                    else if (argument.Key == "Context"
                        && argument.Value.Value is INamedTypeSymbol type
                        && HandlerRules.IsUsableSerializerContext(type, known))
                    {
                        context = type;
                    }
                }
            }
            return (policy, context);
        }

        /// <summary>The assembly name as a PascalCase identifier: <c>Acme.Mail-Worker</c> → <c>AcmeMailWorker</c>.</summary>
        internal static string AssemblyIdentifier(string? assemblyName)
        {
            var result = new StringBuilder();
            var startOfWord = true;
            foreach (var c in assemblyName ?? "")
            {
                if (char.IsLetterOrDigit(c) || c == '_')
                {
                    result.Append(startOfWord ? char.ToUpperInvariant(c) : c);
                    startOfWord = false;
                }
                else
                {
                    startOfWord = true;
                }
            }
            if (result.Length == 0)
            {
                return "Assembly";
            }
            return char.IsDigit(result[0]) ? "_" + result : result.ToString();
        }

        private TypeRef? Resolve(ITypeSymbol type)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var nullable = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
            {
                type = wrapper.TypeArguments[0];
                nullable = true;
            }
            else if (!type.IsValueType)
            {
                nullable = type.NullableAnnotation != NullableAnnotation.NotAnnotated;
            }

            if (type is ITypeParameterSymbol or IErrorTypeSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol
                || type.IsRefLikeType
                || !IsAccessible(type))
            {
                return null;
            }

            var name = Display(type);
            if (PrimitiveKind(type) is { } primitive)
            {
                return new TypeRef(name, primitive, nullable, type.IsValueType);
            }
            if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
            {
                return new TypeRef(name, ValueKind.Bytes, nullable, IsValueType: false);
            }
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } && !KnownTypeSymbols.HasAttribute(type, _known.JsonConverterAttribute))
            {
                return new TypeRef(name, ValueKind.Enum, nullable, IsValueType: true, EnumUnderlyingType: underlying.ToDisplayString());
            }

            var key = ShapeFor(type);
            return key is null ? null : new TypeRef(name, ValueKind.Shape, nullable, type.IsValueType, ShapeKey: key);
        }

        private string? ShapeFor(ITypeSymbol type)
        {
            var key = Display(type);
            if (_shapes.ContainsKey(key))
            {
                return key;
            }

            // Registered before its members are parsed, so a type that contains itself terminates.
            _shapes[key] = null;
            _order.Add(key);
            var mark = _order.Count;
            var shape = CollectionShape(type, key) ?? StringEnumShape(type, key) ?? ObjectShape(type, key);
            if (shape is null)
            {
                // Members parsed for a type that fell back to the serializer context are not needed.
                foreach (var unused in _order.Skip(mark).ToList())
                {
                    _shapes.Remove(unused);
                }
                _order.RemoveRange(mark, _order.Count - mark);
                shape = new PayloadShape(key, IdOf(type), ShapeKind.External, key, type.IsValueType, null, EquatableArray<PayloadProperty>.Empty, EquatableArray<string>.Empty);
                _unsupported[key] = new UnsupportedType(key, type, _lastUnsupported.Reason, _lastUnsupported.Detail, _lastUnsupported.IsField);
            }
            _shapes[key] = shape;
            return key;
        }

        private PayloadShape? CollectionShape(ITypeSymbol type, string key)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.Rank == 1 && Resolve(array.ElementType) is { } element
                    ? new PayloadShape(key, IdOf(type), ShapeKind.Array, key, false, element, EquatableArray<PayloadProperty>.Empty, EquatableArray<string>.Empty)
                    : null;
            }
            if (type is not INamedTypeSymbol { IsGenericType: true } named)
            {
                return null;
            }

            if (_known.IsListLike(named))
            {
                return Resolve(named.TypeArguments[0]) is { } item
                    ? new PayloadShape(key, IdOf(type), ShapeKind.List, key, false, item, EquatableArray<PayloadProperty>.Empty, EquatableArray<string>.Empty)
                    : null;
            }
            if (_known.IsDictionaryLike(named))
            {
                return named.TypeArguments[0].SpecialType == SpecialType.System_String && Resolve(named.TypeArguments[1]) is { } value
                    ? new PayloadShape(key, IdOf(type), ShapeKind.Dictionary, key, false, value, EquatableArray<PayloadProperty>.Empty, EquatableArray<string>.Empty)
                    : null;
            }
            return null;
        }

        /// <summary>An enum marked <c>[JsonConverter(typeof(JsonStringEnumConverter))]</c> (or its generic form), unless it is a [Flags] enum.</summary>
        private PayloadShape? StringEnumShape(ITypeSymbol type, string key)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } named
                || KnownTypeSymbols.Attribute(named, _known.JsonConverterAttribute) is not { ConstructorArguments.Length: 1 } attribute
                || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol converter
                || !(KnownTypeSymbols.Is(converter, _known.JsonStringEnumConverter) || KnownTypeSymbols.IsConstructionOf(converter, _known.JsonStringEnumConverterOfT))
                || KnownTypeSymbols.HasAttribute(named, _known.FlagsAttribute)
                || PrimitiveKind(underlying) is not { } underlyingKind)
            {
                return null;
            }
            var members = new List<EnumMember>();
            var values = new HashSet<object>();
            foreach (var field in named.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.HasConstantValue && field.ConstantValue is { } value)
                {
                    var jsonName = KnownTypeSymbols.Attribute(field, _known.JsonStringEnumMemberNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? field.Name;
                    members.Add(new EnumMember(field.Name, jsonName, IsAlias: !values.Add(value)));
                }
            }
            var element = new TypeRef(underlying.ToDisplayString(), underlyingKind, IsNullable: false, IsValueType: true);
            return new PayloadShape(key, IdOf(named), ShapeKind.StringEnum, key, true, element, EquatableArray<PayloadProperty>.Empty, EquatableArray<string>.Empty, members.ToEquatableArray());
        }

        /// <summary>
        /// An object of the user's: the type qualifies, its members as System.Text.Json takes them, the
        /// deserialization constructor and how generated code creates the object. Null (with the reason
        /// recorded for the analyzers) when the generated code leaves the type to the context.
        /// </summary>
        private PayloadShape? ObjectShape(ITypeSymbol type, string key)
        {
            // Each way out says why, for the analyzers; the order only picks the clearest reason.
            if (type is not INamedTypeSymbol named)
            {
                return Unsupported(UnsupportedReason.MultiDimensionalArray);
            }
            if (!QualifiesAsObject(named))
            {
                return null;
            }
            var state = new ObjectMembers(_namingPolicy ??= NamingPolicyOf(_compilation), JsonName);
            if (!CollectMembers(named, state))
            {
                return null;
            }
            var members = state.Slots.Where(m => m is not null).Select(m => m!.Value).ToList();
            // A derived member with another JSON name hides nothing: System.Text.Json writes both, which
            // generated code (one accessor per C# name) does not tell apart.
            if (members.GroupBy(m => m.Symbol.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return Unsupported(UnsupportedReason.HiddenMemberSerialized, twice.Key);
            }
            if (DeserializationConstructor(named, _known) is not { } constructor)
            {
                return Unsupported(UnsupportedReason.NoConstructor);
            }
            var creation = ChooseCreation(named, constructor, state.UnsetRequired, members);
            if (BindConstructorParameters(constructor, creation.SetsRequired, members) is not { } parameters)
            {
                return null;
            }
            RefuseUnreadRequired(named, members, state.IgnoredRequired, creation.SetsRequired);
            RefuseNameCollisions(named, members);
            return ObjectShapeOf(key, named, constructor, members, parameters, creation);
        }

        /// <summary>The type-level rules: no attribute that changes its JSON, not a framework type or collection, a concrete class or struct.</summary>
        private bool QualifiesAsObject(INamedTypeSymbol named)
        {
            foreach (var attribute in new[] { _known.JsonConverterAttribute, _known.JsonPolymorphicAttribute, _known.JsonDerivedTypeAttribute, _known.JsonNumberHandlingAttribute, _known.JsonUnmappedMemberHandlingAttribute })
            {
                if (KnownTypeSymbols.HasAttribute(named, attribute))
                {
                    return Fail(UnsupportedReason.TypeAttribute, attribute!.Name);
                }
            }
            if (IsFrameworkType(named))
            {
                return Fail(UnsupportedReason.FrameworkType);
            }
            if (named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
            {
                return Fail(UnsupportedReason.Collection);
            }
            if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return Fail(named.TypeKind == TypeKind.Interface ? UnsupportedReason.Interface : UnsupportedReason.NotAnObject);
            }
            if (named.IsAbstract || named.IsStatic)
            {
                return Fail(UnsupportedReason.Abstract);
            }
            return true;
        }

        /// <summary>
        /// The members System.Text.Json serializes, in its order: the most derived type's first, then
        /// each base's; within a type its properties, then its fields (reflection's GetProperties, then
        /// GetFields). False when one makes the type the context's.
        /// </summary>
        private bool CollectMembers(INamedTypeSymbol named, ObjectMembers state)
        {
            for (var current = named; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (!member.IsStatic && member is IPropertySymbol { IsIndexer: false } property && !AddProperty(named, property, state))
                    {
                        return false;
                    }
                }
                foreach (var member in current.GetMembers())
                {
                    // Backing fields of auto-properties and events are not the user's fields.
                    if (!member.IsStatic && member is IFieldSymbol { IsImplicitlyDeclared: false, CanBeReferencedByName: true } field && !AddField(named, field, state))
                    {
                        return false;
                    }
                }
            }
            return true;
        }

        /// <summary>One property, as System.Text.Json takes it or not; false when it makes the type the context's.</summary>
        private bool AddProperty(INamedTypeSymbol named, IPropertySymbol property, ObjectMembers state)
        {

            // As System.Text.Json's DefaultJsonTypeInfoResolver: a property takes part when an
            // accessor is public or it has [JsonInclude]; [JsonInclude] makes its non-public
            // accessors usable too. (A source-generated context throws InvalidOperationException
            // for an inaccessible [JsonInclude] member; reflection reads and writes it, and so do
            // we, through [UnsafeAccessor].)
            var include = KnownTypeSymbols.HasAttribute(property, _known.JsonIncludeAttribute);
            var getter = property.GetMethod is { } get && (get.DeclaredAccessibility == Accessibility.Public || include) ? get : null;
            var setter = property.SetMethod is { } set && (set.DeclaredAccessibility == Accessibility.Public || include) ? set : null;
            var ignore = IgnoreCondition(property, _known);
            // System.Text.Json throws for WhenWritingNull on a value type, even on a base
            // property a derived one hides (it builds every property's metadata first).
            if ((getter is not null || setter is not null) && ignore == JsonEnums.IgnoreCondition.WhenWritingNull && RefusedContract.IsNonNullableValueType(property.Type))
            {
                _refused.Add(new RefusedContract(Display(named), RefusedContract.WhenWritingNullOnValueType(property, property.Type, named)));
            }
            if (IsVirtualProperty(property) && state.IgnoredByName.TryGetValue(property.Name, out var ignoredOverride)
                && ignoredOverride is IPropertySymbol ignoredProperty && IsVirtualProperty(ignoredProperty)
                && SymbolEqualityComparer.Default.Equals(ignoredProperty.Type, property.Type))
            {
                return true;
            }
            if (getter is null && setter is null)
            {
                // Not taken by System.Text.Json: it hides no base member.
                if (property.IsRequired && !state.ByJson.Values.Any(v => v.Member.Name == property.Name))
                {
                    return Fail(UnsupportedReason.HiddenProperty, property.Name);
                }
                return true;
            }
            if (state.Claim(property, ignore == JsonEnums.IgnoreCondition.Always) is not { } slot)
            {
                // Left out under another member's JSON name, an ignored required member is still one
                // that reading never sets.
                RecordIgnoredRequired(property, ignore, state);
                return true;
            }
            if (MemberAttributeProblem(property) is { } propertyAttribute)
            {
                return Fail(UnsupportedReason.PropertyAttribute, property.Name + " " + propertyAttribute);
            }

            if (ignore == JsonEnums.IgnoreCondition.Always)
            {
                RecordIgnoredRequired(property, ignore, state);
                return true;
            }

            if (Resolve(property.Type) is not { } propertyType)
            {
                return Fail(UnsupportedReason.InaccessiblePropertyType, property.Name);
            }

            var write = getter is null ? WriteCondition.Never : WriteFor(ignore, propertyType);
            var read = ignore == JsonEnums.IgnoreCondition.WhenReading ? ReadMode.None
                : property.IsRequired && setter is not null && IsDirectlyAccessible(setter) ? ReadMode.Initializer
                : setter is null ? ReadMode.None
                : setter.IsInitOnly || !IsDirectlyAccessible(setter) ? ReadMode.InitAccessor
                : ReadMode.Setter;
            var getterViaAccessor = write != WriteCondition.Never && !IsDirectlyAccessible(getter!);
            if ((read == ReadMode.InitAccessor || getterViaAccessor) && AccessorProblem(property.ContainingType) is { } problem)
            {
                _unmatchable.Add(new UnmatchableMember(Display(named), property.Name, problem));
            }
            var required = property.IsRequired || KnownTypeSymbols.HasAttribute(property, _known.JsonRequiredAttribute);
            if ((read == ReadMode.InitAccessor || getterViaAccessor) && !IsAccessible(property.ContainingType))
            {
                return Fail(UnsupportedReason.HiddenInitAccessor, property.Name);
            }
            var owner = OwnerOf(property.ContainingType);
            state.Slots[slot] = (property, new PayloadProperty(property.Name, JsonName(property), propertyType, write, read, required, null, Display(property.ContainingType), getterViaAccessor,
                Owner: owner, OpenType: owner is null ? null : property.OriginalDefinition.Type.ToDisplayString(TypeFormat), Hidden: HiddenByDerived(named, property)), Order(property));
            return true;
        }

        /// <summary>Notes a required member under [JsonIgnore] (Always): see <see cref="RefuseUnreadRequired"/>.</summary>
        private void RecordIgnoredRequired(ISymbol member, JsonEnums.IgnoreCondition ignore, ObjectMembers state)
        {
            var required = member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }
                || KnownTypeSymbols.HasAttribute(member, _known.JsonRequiredAttribute);
            if (ignore == JsonEnums.IgnoreCondition.Always && required)
            {
                state.IgnoredRequired.Add(member);
            }
        }

        /// <summary>One field: taken only under [JsonInclude]; false when it makes the type the context's.</summary>
        private bool AddField(INamedTypeSymbol named, IFieldSymbol field, ObjectMembers state)
        {
            // Without JsonSerializerOptions.IncludeFields (the assembly's options leave it off),
            // System.Text.Json serializes a field only under [JsonInclude], whatever its accessibility.
            if (!KnownTypeSymbols.HasAttribute(field, _known.JsonIncludeAttribute))
            {
                if (field.IsRequired)
                {
                    state.UnsetRequired ??= field.Name;
                }
                return true;
            }
            if (state.Claim(field, IgnoreCondition(field, _known) == JsonEnums.IgnoreCondition.Always) is not { } slot)
            {
                RecordIgnoredRequired(field, IgnoreCondition(field, _known), state);
                return true;
            }
            if (MemberAttributeProblem(field) is { } fieldAttribute)
            {
                return Fail(UnsupportedReason.PropertyAttribute, field.Name + " " + fieldAttribute, isField: true);
            }
            var ignore = IgnoreCondition(field, _known);
            if (ignore == JsonEnums.IgnoreCondition.Always)
            {
                RecordIgnoredRequired(field, ignore, state);
                return true;
            }
            if (ignore == JsonEnums.IgnoreCondition.WhenWritingNull && RefusedContract.IsNonNullableValueType(field.Type))
            {
                _refused.Add(new RefusedContract(Display(named), RefusedContract.WhenWritingNullOnValueType(field, field.Type, named)));
            }
            if (field.IsVolatile || field.IsFixedSizeBuffer || field.RefKind != RefKind.None || Resolve(field.Type) is not { } fieldType)
            {
                return Fail(UnsupportedReason.InaccessiblePropertyType, field.Name, isField: true);
            }

            // A readonly field is written and never read (System.Text.Json's reflection skips
            // it when reading unless a constructor parameter takes it); the rest are assigned.
            var viaAccessor = !_compilation.IsSymbolAccessibleWithin(field, _compilation.Assembly);
            var read = ignore == JsonEnums.IgnoreCondition.WhenReading || field.IsReadOnly ? ReadMode.None
                : field.IsRequired && !viaAccessor ? ReadMode.Initializer
                : viaAccessor ? ReadMode.InitAccessor
                : ReadMode.Setter;
            if (viaAccessor && AccessorProblem(field.ContainingType) is { } problem)
            {
                _unmatchable.Add(new UnmatchableMember(Display(named), field.Name, problem, IsField: true));
            }
            if (viaAccessor && !IsAccessible(field.ContainingType))
            {
                return Fail(UnsupportedReason.HiddenInitAccessor, field.Name, isField: true);
            }
            var required = field.IsRequired || KnownTypeSymbols.HasAttribute(field, _known.JsonRequiredAttribute);
            var fieldOwner = OwnerOf(field.ContainingType);
            state.Slots[slot] = (field, new PayloadProperty(field.Name, JsonName(field), fieldType, WriteFor(ignore, fieldType), read, required, null, Display(field.ContainingType), viaAccessor, IsField: true,
                Owner: fieldOwner, OpenType: fieldOwner is null ? null : field.OriginalDefinition.Type.ToDisplayString(TypeFormat), Hidden: HiddenByDerived(named, field)), Order(field));
            return true;
        }

        private static bool IsVirtualProperty(IPropertySymbol property) => property.IsVirtual || property.IsOverride || property.IsAbstract;

        /// <summary>How generated code creates the object.</summary>
        /// <param name="SetsRequired">The constructor has [SetsRequiredMembers].</param>
        /// <param name="ViaAccessor">The constructor is called through [UnsafeAccessor].</param>
        /// <param name="AsDefault">The object is <c>default(T)</c> (a struct's implicit constructor).</param>
        private sealed record Creation(bool SetsRequired, bool ViaAccessor, bool AsDefault);

        /// <summary>
        /// Whether the constructor is called directly, through [UnsafeAccessor] or not at all
        /// (<c>default</c>); members that would be set in an object initializer move to their accessors
        /// when there is none.
        /// </summary>
        private Creation ChooseCreation(INamedTypeSymbol named, IMethodSymbol constructor, string? unsetRequired, List<(ISymbol Symbol, PayloadProperty Model, int Order)> members)
        {
            // A non-public [JsonConstructor]: System.Text.Json's reflection calls it (a source-generated
            // context throws NotSupportedException unless generated code can see it); so do we.
            var setsRequired = KnownTypeSymbols.HasAttribute(constructor, _known.SetsRequiredMembersAttribute);
            var constructorViaAccessor = !IsDirectlyAccessible(constructor);
            var createAsDefault = false;
            if (unsetRequired is not null && !setsRequired && !constructorViaAccessor)
            {
                // `new T()` would have to set the required field; System.Text.Json leaves it as
                // constructed. A struct's implicit constructor is default(T); else the constructor is
                // called through [UnsafeAccessor], which the required-member check does not apply to.
                if (named.IsValueType && constructor.IsImplicitlyDeclared)
                {
                    createAsDefault = true;
                }
                else
                {
                    constructorViaAccessor = true;
                    if (AccessorProblem(named) is { } requiredProblem)
                    {
                        _unmatchable.Add(new UnmatchableMember(Display(named), unsetRequired, requiredProblem, IsField: true));
                    }
                }
            }
            else if (constructorViaAccessor && AccessorProblem(named) is { } constructorProblem)
            {
                _unmatchable.Add(new UnmatchableMember(Display(named), ".ctor", constructorProblem));
            }
            if (constructorViaAccessor || createAsDefault)
            {
                // No object initializer after an accessor call: required members go through their accessors.
                for (var i = 0; i < members.Count; i++)
                {
                    if (members[i].Model.Read == ReadMode.Initializer)
                    {
                        if (members[i].Symbol is IPropertySymbol && AccessorProblem(members[i].Symbol.ContainingType) is { } setterProblem)
                        {
                            _unmatchable.Add(new UnmatchableMember(Display(named), members[i].Symbol.Name, setterProblem));
                        }
                        members[i] = (members[i].Symbol, members[i].Model with { Read = ReadMode.InitAccessor }, members[i].Order);
                    }
                }
            }
            return new Creation(setsRequired, constructorViaAccessor, createAsDefault);
        }

        /// <summary>
        /// Each constructor parameter bound to the member of its name (case-insensitive) and type, which
        /// is then read through the constructor; null when a parameter matches no readable member.
        /// </summary>
        private List<string>? BindConstructorParameters(IMethodSymbol constructor, bool setsRequired, List<(ISymbol Symbol, PayloadProperty Model, int Order)> members)
        {
            var parameters = new List<string>();
            foreach (var parameter in constructor.Parameters)
            {
                var index = members.FindIndex(m => string.Equals(m.Symbol.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (index < 0
                    || !SymbolEqualityComparer.Default.Equals(MemberType(members[index].Symbol), parameter.Type)
                    || members[index].Model.Read == ReadMode.None && IgnoreCondition(members[index].Symbol, _known) == JsonEnums.IgnoreCondition.WhenReading
                    || (IsRequiredMember(members[index].Symbol) && !setsRequired)
                    || parameter.RefKind != RefKind.None)
                {
                    Unsupported(UnsupportedReason.ConstructorParameter, parameter.Name);
                    return null;
                }
                var optional = parameter.HasExplicitDefaultValue || members[index].Model.Type.IsNullable;
                members[index] = (members[index].Symbol, members[index].Model with
                {
                    Read = ReadMode.Constructor,
                    IsRequired = members[index].Model.IsRequired || !optional,
                    DefaultValue = parameter.HasExplicitDefaultValue ? Literal(parameter.ExplicitDefaultValue, parameter.Type) : null,
                }, members[index].Order);
                parameters.Add(members[index].Symbol.Name);
            }
            return parameters;
        }

        /// <summary>The model: members in System.Text.Json's order, and how to construct.</summary>
        private PayloadShape ObjectShapeOf(string key, INamedTypeSymbol named, IMethodSymbol constructor, List<(ISymbol Symbol, PayloadProperty Model, int Order)> members, List<string> parameters, Creation creation)
        {
            var shapeOwner = OwnerOf(named);
            // A stable sort, as System.Text.Json's by JsonPropertyOrder.
            var ordered = members.Select((m, i) => (m, i)).OrderBy(x => x.m.Order).ThenBy(x => x.i).Select(x => x.m.Model);
            var (version, previous) = VersionOf(named);
            return new PayloadShape(key, IdOf(named), ShapeKind.Object, key, named.IsValueType, null, ordered.ToEquatableArray(), parameters.ToEquatableArray())
            {
                ConstructorViaAccessor = creation.ViaAccessor,
                CreateAsDefault = creation.AsDefault,
                Owner = shapeOwner,
                OpenConstructorTypes = shapeOwner is null
                    ? EquatableArray<string>.Empty
                    : constructor.OriginalDefinition.Parameters.Select(p => p.Type.ToDisplayString(TypeFormat)).ToEquatableArray(),
                Version = version,
                Previous = previous,
            };
        }

        /// <summary>
        /// <c>[JobPayloadVersion(n, Previous = typeof(P))]</c>: the version, and P resolved (so its own
        /// reader is generated); (0, null) when the type has none or breaks a rule (JOBS025 says which).
        /// </summary>
        private (int Version, TypeRef? Previous) VersionOf(INamedTypeSymbol named)
        {
            if (PayloadVersionRules.Attribute(named, _known) is not { } attribute
                || PayloadVersionRules.Problem(named, attribute, _known) is not null
                || Resolve(PayloadVersionRules.Previous(attribute)!.WithNullableAnnotation(NullableAnnotation.NotAnnotated)) is not { Kind: ValueKind.Shape } previous)
            {
                return (0, null);
            }
            return (PayloadVersionRules.Version(attribute), previous with { IsNullable = false });
        }

        /// <summary>
        /// System.Text.Json's property hierarchy resolution (JsonTypeInfo.AddPropertyWithConflictResolution):
        /// each member it takes (a property with a public accessor or [JsonInclude], a [JsonInclude]
        /// field) claims its JSON name's slot; a [JsonIgnore] (Always) one holds the slot only until a
        /// base member with that JSON name takes it over, in its place. A base member whose JSON name a
        /// derived one holds is left out when they share the C# name, or when a derived [JsonIgnore]d
        /// member has its C# name; a derived member with another JSON name hides nothing. A virtual
        /// property is left out under a derived virtual [JsonIgnore]d one of its type (an override).
        /// </summary>
        private sealed class ObjectMembers(JobsNamingPolicy policy, Func<ISymbol, string?> jsonName)
        {
            /// <summary>The members in order; a slot stays null while only an ignored member holds it.</summary>
            public List<(ISymbol Symbol, PayloadProperty Model, int Order)?> Slots { get; } = new();

            public Dictionary<string, (int Slot, ISymbol Member, bool Ignored)> ByJson { get; } = new(StringComparer.Ordinal);

            public Dictionary<string, ISymbol> IgnoredByName { get; } = new(StringComparer.Ordinal);

            /// <summary>
            /// Required members under [JsonIgnore] (Always): System.Text.Json refuses the type unless
            /// the deserialization constructor has [SetsRequiredMembers] and none is [JsonRequired].
            /// </summary>
            public List<ISymbol> IgnoredRequired { get; } = new();

            /// <summary>
            /// A required field System.Text.Json does not serialize (no [JsonInclude]) keeps what the
            /// constructor or its initializer gave it: generated code must construct without setting it.
            /// </summary>
            public string? UnsetRequired { get; set; }

            /// <summary>The slot the member takes, or null when System.Text.Json leaves it out.</summary>
            public int? Claim(ISymbol member, bool ignored)
            {
                var json = jsonName(member) ?? JsonNames.Convert(member.Name, policy);
                int? slot;
                if (!ByJson.TryGetValue(json, out var other))
                {
                    slot = Slots.Count;
                    Slots.Add(null);
                    ByJson[json] = (slot.Value, member, ignored);
                }
                else if (other.Ignored)
                {
                    slot = other.Slot;
                    ByJson[json] = (slot.Value, member, ignored);
                }
                else if (ignored || other.Member.Name == member.Name || IgnoredByName.ContainsKey(member.Name))
                {
                    slot = null;
                }
                else
                {
                    // System.Text.Json throws (JOBS020): the member gets a slot of its own for RefuseNameCollisions.
                    slot = Slots.Count;
                    Slots.Add(null);
                }
                if (ignored)
                {
                    IgnoredByName[member.Name] = member;
                }
                return slot;
            }
        }

        /// <summary>
        /// System.Text.Json throws InvalidOperationException ("marked required but does not specify a
        /// setter") for a required member that reading never sets: C# <c>required</c> (unless the
        /// constructor has [SetsRequiredMembers]) or [JsonRequired], under [JsonIgnore] or
        /// [JsonIgnore(Condition = WhenReading)], or with no setter it uses and no constructor parameter.
        /// </summary>
        private void RefuseUnreadRequired(INamedTypeSymbol named, List<(ISymbol Symbol, PayloadProperty Model, int Order)> members, List<ISymbol> ignoredRequired, bool setsRequired)
        {
            bool Required(ISymbol member) => KnownTypeSymbols.HasAttribute(member, _known.JsonRequiredAttribute) || IsRequiredMember(member) && !setsRequired;
            foreach (var member in ignoredRequired.Where(Required))
            {
                _refused.Add(new RefusedContract(Display(named), RefusedContract.RequiredNotRead(member, named, "has [JsonIgnore]")));
            }
            foreach (var (member, model, _) in members)
            {
                if (model.Read == ReadMode.None && Required(member))
                {
                    var why = IgnoreCondition(member, _known) == JsonEnums.IgnoreCondition.WhenReading ? "has [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]" : "has no setter System.Text.Json uses";
                    _refused.Add(new RefusedContract(Display(named), RefusedContract.RequiredNotRead(member, named, why)));
                }
            }
        }

        /// <summary>
        /// System.Text.Json throws InvalidOperationException ("The JSON property name for '…' collides
        /// with another property") when two members it serializes have the same JSON name, whether a
        /// [JsonPropertyName] or the naming policy gives it; a member under [JsonIgnore] (Always) takes
        /// no part, and a member a derived one hides by name is left out before.
        /// </summary>
        private void RefuseNameCollisions(INamedTypeSymbol named, List<(ISymbol Symbol, PayloadProperty Model, int Order)> members)
        {
            var policy = _namingPolicy ??= NamingPolicyOf(_compilation);
            var byName = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
            foreach (var (member, model, _) in members)
            {
                var json = model.JsonName ?? JsonNames.Convert(model.Name, policy);
                if (byName.TryGetValue(json, out var first))
                {
                    _refused.Add(new RefusedContract(Display(named), RefusedContract.NameCollision(first, member, json, named)));
                }
                else
                {
                    byName.Add(json, member);
                }
            }
        }

        /// <summary>A base member a derived type declares a member of the same name over: <c>value.Name</c> would not reach it.</summary>
        private static bool HiddenByDerived(INamedTypeSymbol named, ISymbol member)
        {
            for (var current = named; current is not null && !SymbolEqualityComparer.Default.Equals(current, member.ContainingType); current = current.BaseType)
            {
                if (!current.GetMembers(member.Name).IsEmpty)
                {
                    return true;
                }
            }
            return false;
        }

        private static WriteCondition WriteFor(JsonEnums.IgnoreCondition ignore, TypeRef type) => ignore switch
        {
            JsonEnums.IgnoreCondition.WhenWritingDefault => type.IsValueType && !type.IsNullable ? WriteCondition.WhenNotDefault : WriteCondition.WhenNotNull,
            JsonEnums.IgnoreCondition.WhenWritingNull => type.IsValueType && !type.IsNullable ? WriteCondition.Always : WriteCondition.WhenNotNull,
            JsonEnums.IgnoreCondition.WhenWriting => WriteCondition.Never,
            _ => WriteCondition.Always,
        };

        /// <summary>The first attribute on a member that changes its JSON in a way the generated code does not follow (its class name), or null.</summary>
        private string? MemberAttributeProblem(ISymbol member)
        {
            foreach (var attribute in new[] { _known.JsonExtensionDataAttribute, _known.JsonConverterAttribute, _known.JsonNumberHandlingAttribute, _known.JsonObjectCreationHandlingAttribute })
            {
                if (KnownTypeSymbols.HasAttribute(member, attribute))
                {
                    return attribute!.Name;
                }
            }
            return null;
        }

        /// <summary>The member's [JsonPropertyName], or null.</summary>
        internal static string? JsonName(ISymbol member, KnownTypeSymbols known) =>
            KnownTypeSymbols.Attribute(member, known.JsonPropertyNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string;

        private string? JsonName(ISymbol member) => JsonName(member, _known);

        private int Order(ISymbol member) =>
            KnownTypeSymbols.Attribute(member, _known.JsonPropertyOrderAttribute)?.ConstructorArguments.FirstOrDefault().Value as int? ?? 0;

        private static ITypeSymbol MemberType(ISymbol member) => member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;

        private static bool IsRequiredMember(ISymbol member) => member is IFieldSymbol field ? field.IsRequired : ((IPropertySymbol)member).IsRequired;

        /// <summary>A generic type's open form, type parameters with constraints, and type arguments; null for a type outside any generic.</summary>
        private static GenericOwner? OwnerOf(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                chain.Insert(0, current);
            }
            if (!chain.Any(t => t.IsGenericType))
            {
                return null;
            }
            var parameters = chain.SelectMany(t => t.OriginalDefinition.TypeParameters).ToList();
            var arguments = chain.SelectMany(t => t.TypeArguments).ToList();
            var constraints = new StringBuilder();
            foreach (var parameter in parameters)
            {
                var clauses = new List<string>();
                if (parameter.HasReferenceTypeConstraint)
                {
                    clauses.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
                }
                else if (parameter.HasUnmanagedTypeConstraint)
                {
                    clauses.Add("unmanaged");
                }
                else if (parameter.HasValueTypeConstraint)
                {
                    clauses.Add("struct");
                }
                else if (parameter.HasNotNullConstraint)
                {
                    clauses.Add("notnull");
                }
                clauses.AddRange(parameter.ConstraintTypes.Select(t => t.ToDisplayString(TypeFormat)));
                if (parameter.HasConstructorConstraint)
                {
                    clauses.Add("new()");
                }
                if (clauses.Count > 0)
                {
                    constraints.Append(" where ").Append(parameter.Name).Append(" : ").Append(string.Join(", ", clauses));
                }
            }
            return new GenericOwner(
                type.OriginalDefinition.ToDisplayString(TypeFormat),
                string.Join(", ", parameters.Select(p => p.Name)),
                constraints.ToString(),
                string.Join(", ", arguments.Select(a => a.ToDisplayString(TypeFormat))));
        }

        /// <summary>Generated code in this compilation can call the accessor or constructor without [UnsafeAccessor].</summary>
        private bool IsDirectlyAccessible(IMethodSymbol method) =>
            method.DeclaredAccessibility == Accessibility.Public || _compilation.IsSymbolAccessibleWithin(method, _compilation.Assembly);

        /// <summary>
        /// Why generated code cannot reach a non-public member of <paramref name="type"/> through
        /// [UnsafeAccessor] on the target framework (the compiled code runs on the user's, not the
        /// generator's); null when it can.
        /// </summary>
        private string? AccessorProblem(INamedTypeSymbol type) =>
            MemberAccessRules.AccessorProblem(type, _compilation);

        private PayloadShape? Unsupported(UnsupportedReason reason, string? detail = null, bool isField = false)
        {
            _lastUnsupported = (reason, detail, isField);
            return null;
        }

        /// <summary>As <see cref="Unsupported"/>, for the steps that answer whether the type still qualifies.</summary>
        private bool Fail(UnsupportedReason reason, string? detail = null, bool isField = false)
        {
            Unsupported(reason, detail, isField);
            return false;
        }

        /// <summary>The deserialization constructor as System.Text.Json picks it; null when it cannot pick one.</summary>
        internal static IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type, KnownTypeSymbols known)
        {
            var constructors = type.InstanceConstructors;
            var marked = MarkedConstructors(type, known);
            if (marked.Count > 0)
            {
                return marked.Count == 1 ? marked[0] : null;
            }
            var publicOnes = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
            return publicOnes.FirstOrDefault(c => c.Parameters.Length == 0)
                ?? (publicOnes.Count == 1 ? publicOnes[0] : null);
        }

        /// <summary>The constructors marked [JsonConstructor].</summary>
        internal static List<IMethodSymbol> MarkedConstructors(INamedTypeSymbol type, KnownTypeSymbols known) =>
            type.InstanceConstructors.Where(c => KnownTypeSymbols.HasAttribute(c, known.JsonConstructorAttribute)).ToList();

        /// <summary>The member's [JsonIgnore] condition: Never without the attribute, Always when it names none.</summary>
        internal static JsonEnums.IgnoreCondition IgnoreCondition(ISymbol member, KnownTypeSymbols known)
        {
            var attribute = KnownTypeSymbols.Attribute(member, known.JsonIgnoreAttribute);
            if (attribute is null)
            {
                return JsonEnums.IgnoreCondition.Never;
            }
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Condition" && argument.Value.Value is int value)
                {
                    return (JsonEnums.IgnoreCondition)value;
                }
            }
            return JsonEnums.IgnoreCondition.Always;
        }

        private ValueKind? PrimitiveKind(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return ValueKind.Boolean;
                case SpecialType.System_Byte: return ValueKind.Byte;
                case SpecialType.System_SByte: return ValueKind.SByte;
                case SpecialType.System_Int16: return ValueKind.Int16;
                case SpecialType.System_UInt16: return ValueKind.UInt16;
                case SpecialType.System_Int32: return ValueKind.Int32;
                case SpecialType.System_UInt32: return ValueKind.UInt32;
                case SpecialType.System_Int64: return ValueKind.Int64;
                case SpecialType.System_UInt64: return ValueKind.UInt64;
                case SpecialType.System_Single: return ValueKind.Single;
                case SpecialType.System_Double: return ValueKind.Double;
                case SpecialType.System_Decimal: return ValueKind.Decimal;
                case SpecialType.System_String: return ValueKind.String;
                case SpecialType.System_Char: return ValueKind.Char;
                case SpecialType.System_DateTime: return ValueKind.DateTime;
            }
            return KnownTypeSymbols.Is(type, _known.Guid) ? ValueKind.Guid
                : KnownTypeSymbols.Is(type, _known.DateTimeOffset) ? ValueKind.DateTimeOffset
                : KnownTypeSymbols.Is(type, _known.DateOnly) ? ValueKind.DateOnly
                : KnownTypeSymbols.Is(type, _known.TimeOnly) ? ValueKind.TimeOnly
                : KnownTypeSymbols.Is(type, _known.TimeSpan) ? ValueKind.TimeSpan
                : KnownTypeSymbols.Is(type, _known.Int128) ? ValueKind.Int128
                : KnownTypeSymbols.Is(type, _known.UInt128) ? ValueKind.UInt128
                : null;
        }

        internal static bool IsFrameworkType(INamedTypeSymbol type)
        {
            var root = type.ContainingNamespace;
            while (root is { ContainingNamespace.IsGlobalNamespace: false })
            {
                root = root.ContainingNamespace;
            }
            return root is { Name: "System" or "Microsoft" };
        }

        private bool IsAccessible(ITypeSymbol type) => type switch
        {
            IArrayTypeSymbol array => IsAccessible(array.ElementType),
            INamedTypeSymbol named => HandlerRules.IsVisibleToGeneratedCode(named, _compilation) && named.TypeArguments.All(IsAccessible),
            _ => false,
        };

        private static bool IsEffectivelyPublic(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return IsEffectivelyPublic(array.ElementType);
                case INamedTypeSymbol named:
                    for (var current = named; current is not null; current = current.ContainingType)
                    {
                        if (current.DeclaredAccessibility != Accessibility.Public)
                        {
                            return false;
                        }
                    }
                    return named.TypeArguments.All(IsEffectivelyPublic);
                default:
                    return false;
            }
        }

        internal static string Display(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat);

        /// <summary>A readable method-name stem for a type: <c>ListOfString</c>, <c>Outer_Inner</c>, <c>WrapperOfInt32</c>.</summary>
        private string IdOf(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                return "Nullable" + IdOf(nullable.TypeArguments[0]);
            }
            if (type is IArrayTypeSymbol array)
            {
                return "ArrayOf" + IdOf(array.ElementType);
            }
            if (type is not INamedTypeSymbol named)
            {
                return "Value";
            }
            var name = named.SpecialType != SpecialType.None ? named.MetadataName : named.Name;
            if (_known.IsListLike(named))
            {
                name = named.Name.TrimStart('I');
            }
            if (named.IsGenericType)
            {
                name += "Of" + string.Join("And", named.TypeArguments.Select(IdOf));
            }
            return named.ContainingType is { } outer ? IdOf(outer) + "_" + name : name;
        }

        private static string Literal(object? value, ITypeSymbol type)
        {
            var target = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
            if (value is null)
            {
                return type.IsValueType && target.Equals(type, SymbolEqualityComparer.Default) ? "default" : "null";
            }
            if (target.TypeKind == TypeKind.Enum)
            {
                return "(" + Display(target) + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")";
            }
            return value switch
            {
                string s => SymbolDisplay.FormatLiteral(s, quote: true),
                char c => SymbolDisplay.FormatLiteral(c, quote: true),
                bool b => b ? "true" : "false",
                float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "F",
                double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "D",
                decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
                _ => "(" + target.ToDisplayString() + ")" + Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }
    }
}
