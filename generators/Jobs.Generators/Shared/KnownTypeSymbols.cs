using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Jobs.Generators;

/// <summary>
/// The types the generator and the analyzers recognise, looked up once per compilation by metadata
/// name and compared with <see cref="SymbolEqualityComparer"/> (as System.Text.Json's generator
/// does): never by display text. A type the compilation does not have is null, and then matches
/// nothing.
/// </summary>
internal sealed class KnownTypeSymbols
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypeSymbols> Cache = new();

    private KnownTypeSymbols(Compilation compilation)
    {
        Compilation = compilation;

        JobTaskAttribute = Get(HandlerRules.JobTaskAttribute);
        RecurringAttribute = Get(RecurringRules.RecurringAttribute);
        JobPayloadVersionAttribute = Get("Jobs.JobPayloadVersionAttribute");
        JobsSerializationAttribute = Get(HandlerRules.JobsSerializationAttribute);
        JobHandlerInterface = Get("Jobs.IJobHandler`1");
        JobContext = Get("Jobs.JobContext");

        JsonSerializerContext = Get(HandlerRules.JsonSerializerContext);
        JsonSourceGenerationOptionsAttribute = Get(Json + "JsonSourceGenerationOptionsAttribute");
        JsonSerializableAttribute = Get(Json + "JsonSerializableAttribute");
        JsonDerivedTypeAttribute = Get(Json + "JsonDerivedTypeAttribute");
        JsonPolymorphicAttribute = Get(Json + "JsonPolymorphicAttribute");
        JsonConverterAttribute = Get(Json + "JsonConverterAttribute");
        JsonNumberHandlingAttribute = Get(Json + "JsonNumberHandlingAttribute");
        JsonUnmappedMemberHandlingAttribute = Get(Json + "JsonUnmappedMemberHandlingAttribute");
        JsonExtensionDataAttribute = Get(Json + "JsonExtensionDataAttribute");
        JsonObjectCreationHandlingAttribute = Get(Json + "JsonObjectCreationHandlingAttribute");
        JsonIncludeAttribute = Get(Json + "JsonIncludeAttribute");
        JsonIgnoreAttribute = Get(Json + "JsonIgnoreAttribute");
        JsonRequiredAttribute = Get(Json + "JsonRequiredAttribute");
        JsonPropertyNameAttribute = Get(Json + "JsonPropertyNameAttribute");
        JsonPropertyOrderAttribute = Get(Json + "JsonPropertyOrderAttribute");
        JsonConstructorAttribute = Get(Json + "JsonConstructorAttribute");
        JsonStringEnumConverter = Get(Json + "JsonStringEnumConverter");
        JsonStringEnumConverterOfT = Get(Json + "JsonStringEnumConverter`1");
        JsonStringEnumMemberNameAttribute = Get(Json + "JsonStringEnumMemberNameAttribute");

        FlagsAttribute = Get("System.FlagsAttribute");
        SetsRequiredMembersAttribute = Get("System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
        UnsafeAccessorAttribute = Get(MemberAccessRules.UnsafeAccessorAttribute);
        CancellationToken = Get("System.Threading.CancellationToken");
        Task = Get("System.Threading.Tasks.Task");

        Guid = Get("System.Guid");
        DateTimeOffset = Get("System.DateTimeOffset");
        DateOnly = Get("System.DateOnly");
        TimeOnly = Get("System.TimeOnly");
        TimeSpan = Get("System.TimeSpan");
        Int128 = Get("System.Int128");
        UInt128 = Get("System.UInt128");

        ListOfT = Get("System.Collections.Generic.List`1");
        IListOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IList_T);
        ICollectionOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_ICollection_T);
        IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        IReadOnlyListOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IReadOnlyList_T);
        IReadOnlyCollectionOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IReadOnlyCollection_T);
        DictionaryOfTKeyTValue = Get("System.Collections.Generic.Dictionary`2");
        IDictionaryOfTKeyTValue = Get("System.Collections.Generic.IDictionary`2");
        IReadOnlyDictionaryOfTKeyTValue = Get("System.Collections.Generic.IReadOnlyDictionary`2");
    }

    private const string Json = "System.Text.Json.Serialization.";

    /// <summary>The symbols of <paramref name="compilation"/>, resolved on first use and kept as long as it lives.</summary>
    public static KnownTypeSymbols For(Compilation compilation) => Cache.GetValue(compilation, static c => new KnownTypeSymbols(c));

    public Compilation Compilation { get; }

    public INamedTypeSymbol? JobTaskAttribute { get; }
    public INamedTypeSymbol? RecurringAttribute { get; }
    public INamedTypeSymbol? JobPayloadVersionAttribute { get; }
    public INamedTypeSymbol? JobsSerializationAttribute { get; }
    public INamedTypeSymbol? JobHandlerInterface { get; }
    public INamedTypeSymbol? JobContext { get; }

    public INamedTypeSymbol? JsonSerializerContext { get; }
    public INamedTypeSymbol? JsonSourceGenerationOptionsAttribute { get; }
    public INamedTypeSymbol? JsonSerializableAttribute { get; }
    public INamedTypeSymbol? JsonDerivedTypeAttribute { get; }
    public INamedTypeSymbol? JsonPolymorphicAttribute { get; }
    public INamedTypeSymbol? JsonConverterAttribute { get; }
    public INamedTypeSymbol? JsonNumberHandlingAttribute { get; }
    public INamedTypeSymbol? JsonUnmappedMemberHandlingAttribute { get; }
    public INamedTypeSymbol? JsonExtensionDataAttribute { get; }
    public INamedTypeSymbol? JsonObjectCreationHandlingAttribute { get; }
    public INamedTypeSymbol? JsonIncludeAttribute { get; }
    public INamedTypeSymbol? JsonIgnoreAttribute { get; }
    public INamedTypeSymbol? JsonRequiredAttribute { get; }
    public INamedTypeSymbol? JsonPropertyNameAttribute { get; }
    public INamedTypeSymbol? JsonPropertyOrderAttribute { get; }
    public INamedTypeSymbol? JsonConstructorAttribute { get; }
    public INamedTypeSymbol? JsonStringEnumConverter { get; }
    public INamedTypeSymbol? JsonStringEnumConverterOfT { get; }
    public INamedTypeSymbol? JsonStringEnumMemberNameAttribute { get; }

    public INamedTypeSymbol? FlagsAttribute { get; }
    public INamedTypeSymbol? SetsRequiredMembersAttribute { get; }
    public INamedTypeSymbol? UnsafeAccessorAttribute { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? Guid { get; }
    public INamedTypeSymbol? DateTimeOffset { get; }
    public INamedTypeSymbol? DateOnly { get; }
    public INamedTypeSymbol? TimeOnly { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? Int128 { get; }
    public INamedTypeSymbol? UInt128 { get; }

    public INamedTypeSymbol? ListOfT { get; }
    public INamedTypeSymbol? IListOfT { get; }
    public INamedTypeSymbol? ICollectionOfT { get; }
    public INamedTypeSymbol? IEnumerableOfT { get; }
    public INamedTypeSymbol? IReadOnlyListOfT { get; }
    public INamedTypeSymbol? IReadOnlyCollectionOfT { get; }
    public INamedTypeSymbol? DictionaryOfTKeyTValue { get; }
    public INamedTypeSymbol? IDictionaryOfTKeyTValue { get; }
    public INamedTypeSymbol? IReadOnlyDictionaryOfTKeyTValue { get; }

    /// <summary>True when <paramref name="type"/> is <paramref name="known"/> (null matches nothing).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    /// <summary>True when <paramref name="type"/> is a construction of the generic definition <paramref name="known"/>.</summary>
    public static bool IsConstructionOf(ITypeSymbol? type, INamedTypeSymbol? known) =>
        type is INamedTypeSymbol { IsGenericType: true } named && Is(named.OriginalDefinition, known);

    /// <summary>The first attribute of class <paramref name="attributeType"/> on <paramref name="symbol"/>, or null.</summary>
    public static AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol? attributeType) =>
        attributeType is null ? null : symbol.GetAttributes().FirstOrDefault(a => Is(a.AttributeClass, attributeType));

    /// <summary>True when <paramref name="symbol"/> carries an attribute of class <paramref name="attributeType"/>.</summary>
    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType) => Attribute(symbol, attributeType) is not null;

    /// <summary><c>List&lt;T&gt;</c> or one of the collection interfaces the generated code reads into one.</summary>
    public bool IsListLike(INamedTypeSymbol type) =>
        IsConstructionOf(type, ListOfT) || IsConstructionOf(type, IListOfT) || IsConstructionOf(type, ICollectionOfT)
        || IsConstructionOf(type, IEnumerableOfT) || IsConstructionOf(type, IReadOnlyListOfT) || IsConstructionOf(type, IReadOnlyCollectionOfT);

    /// <summary><c>Dictionary&lt;K, V&gt;</c>, <c>IDictionary&lt;K, V&gt;</c> or <c>IReadOnlyDictionary&lt;K, V&gt;</c>.</summary>
    public bool IsDictionaryLike(INamedTypeSymbol type) =>
        IsConstructionOf(type, DictionaryOfTKeyTValue) || IsDictionaryInterface(type);

    /// <summary><c>IDictionary&lt;K, V&gt;</c> or <c>IReadOnlyDictionary&lt;K, V&gt;</c>.</summary>
    public bool IsDictionaryInterface(INamedTypeSymbol type) =>
        IsConstructionOf(type, IDictionaryOfTKeyTValue) || IsConstructionOf(type, IReadOnlyDictionaryOfTKeyTValue);

    /// <summary>
    /// The type of that metadata name the compilation can use: its own declaration first, else the one
    /// accessible declaration among its references; null when there is none, or several (as the
    /// compiler, which would report the use ambiguous).
    /// </summary>
    private INamedTypeSymbol? Get(string metadataName)
    {
        INamedTypeSymbol? found = null;
        foreach (var type in Compilation.GetTypesByMetadataName(metadataName))
        {
            if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, Compilation.Assembly))
            {
                return type;
            }
            if (!Compilation.IsSymbolAccessibleWithin(type, Compilation.Assembly))
            {
                continue;
            }
            if (found is not null)
            {
                return null;
            }
            found = type;
        }
        return found;
    }
}
