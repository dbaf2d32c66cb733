using System.Text.Json.Serialization;

namespace Jobs.EndToEnd.Tests.Payloads;

// Issue 10: fields, as System.Text.Json's reflection serializes them (no IncludeFields): only under
// [JsonInclude], whatever their accessibility; a readonly one is written and never read; within a
// type after its properties; a required field without [JsonInclude] is left as constructed.

/// <summary>[JsonInclude] fields of every accessibility, readonly ones, and properties declared among them.</summary>
public class FieldsClass
{
    [JsonInclude]
    public int Public;

    [JsonInclude]
    private string _private = "";

    [JsonInclude]
    protected long Protected;

    [JsonInclude]
    internal double Internal;

    [JsonInclude]
    protected internal Guid ProtectedInternal;

    [JsonInclude]
    public readonly string ReadOnlyPublic = "ro";

    [JsonInclude]
    private readonly int _readOnlyPrivate = 7;

    /// <summary>Not [JsonInclude]: System.Text.Json leaves public fields alone by default.</summary>
    public int NotIncluded;

    /// <summary>A property declared after fields: written before them all.</summary>
    public string Name { get; set; } = "";

    [JsonInclude]
    [JsonPropertyName("renamed")]
    private bool _flag;

    [JsonInclude]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Maybe;

    [JsonInclude]
    public List<string>? Tags;

    [JsonInclude]
    public string @event = "";

    public FieldsClass()
    {
    }

    public FieldsClass(string readOnlyPublic, int readOnlyPrivate)
    {
        ReadOnlyPublic = readOnlyPublic;
        _readOnlyPrivate = readOnlyPrivate;
    }

    public static FieldsClass Create(int @public, string @private, long @protected, double @internal, Guid protectedInternal, string readOnlyPublic, int readOnlyPrivate, int notIncluded, string name, bool flag, int? maybe, List<string>? tags, string @event) =>
        new(readOnlyPublic, readOnlyPrivate)
        {
            Public = @public,
            _private = @private,
            Protected = @protected,
            Internal = @internal,
            ProtectedInternal = protectedInternal,
            NotIncluded = notIncluded,
            Name = name,
            _flag = flag,
            Maybe = maybe,
            Tags = tags,
            @event = @event,
        };

    public (string Private, long Protected, int ReadOnlyPrivate, bool Flag) Hidden() => (_private, Protected, _readOnlyPrivate, _flag);
}

/// <summary>Fields of a struct: accessors take it by ref.</summary>
public struct FieldsStruct
{
    [JsonInclude]
    public int X;

    [JsonInclude]
    private int _y;

    [JsonInclude]
    public readonly string? Label;

    public FieldsStruct(int x, int y, string? label, int z)
    {
        X = x;
        _y = y;
        Label = label;
        Z = z;
    }

    public int Z { get; set; }

    public readonly int Y() => _y;
}

/// <summary>Base fields come after the derived type's members, each type's properties before its fields.</summary>
public class FieldsBase
{
    [JsonInclude]
    public int BaseField;

    public int BaseProperty { get; set; }

    [JsonInclude]
    private int _baseHidden;

    public void SetBaseHidden(int value) => _baseHidden = value;

    public int BaseHidden() => _baseHidden;
}

public sealed class FieldsDerived : FieldsBase
{
    [JsonInclude]
    public int DerivedField;

    public int DerivedProperty { get; set; }
}

/// <summary>A required field under [JsonInclude] is read; one without it is left as constructed (its initializer).</summary>
public sealed class FieldsRequired
{
    [JsonInclude]
    public required int Included;

    public required string NotSerialized = "kept";

    public int Property { get; set; }
}

/// <summary>The same in a struct without a constructor of its own: made as default.</summary>
public struct FieldsRequiredStruct
{
    public required int Skipped;

    [JsonInclude]
    public int Kept;
}

/// <summary>A public property with only a setter: read, never written.</summary>
public sealed class FieldsSetOnly
{
    private int _value;

    public int Value
    {
        set => _value = value;
    }

    public int Seen() => _value;
}

/// <summary>The payload of <c>e2e_fields</c>.</summary>
public sealed record FieldsArgs(FieldsClass Class, FieldsStruct Struct, FieldsDerived Derived, FieldsRequired Required, FieldsRequiredStruct RequiredStruct, FieldsSetOnly SetOnly);
