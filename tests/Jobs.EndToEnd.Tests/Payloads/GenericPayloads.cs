using System.Text.Json.Serialization;

namespace Jobs.EndToEnd.Tests.Payloads;

// Issue 10: non-public and init members of generic types. .NET 9+ binds [UnsafeAccessor] to them only
// when declared in a generic class over the type's own type parameters, which the generator emits.

/// <summary>A generic class: a private setter, a private field, an init accessor, an internal field.</summary>
public class GenericBox<T>
{
    [JsonInclude]
    public T Value { get; private set; } = default!;

    [JsonInclude]
    private T _hidden = default!;

    public T Init { get; init; } = default!;

    [JsonInclude]
    internal List<T>? Items;

    public static GenericBox<T> Create(T value, T hidden, T init, List<T>? items) =>
        new() { Value = value, _hidden = hidden, Init = init, Items = items };

    public T Hidden() => _hidden;
}

/// <summary>A generic struct over two parameters, one constrained: accessors take it by ref.</summary>
public struct GenericPair<TKey, TValue>
    where TKey : notnull
{
    public GenericPair(TKey key, TValue value)
    {
        Key = key;
        _value = value;
    }

    [JsonInclude]
    public TKey Key { get; private set; }

    [JsonInclude]
    private TValue _value;

    public readonly TValue Value() => _value;
}

/// <summary>Made through a private [JsonConstructor] of a generic class with a class constraint.</summary>
public sealed class GenericMade<T>
    where T : class
{
    [JsonConstructor]
    private GenericMade(T item, int count)
    {
        Item = item;
        Count = count;
    }

    public T Item { get; }

    public int Count { get; }

    public static GenericMade<T> Of(T item, int count) => new(item, count);
}

/// <summary>A generic type nested in a generic type: accessors over both types' parameters.</summary>
public class GenericOuter<TOuter>
{
    public sealed class Inner<TInner>
    {
        [JsonInclude]
        public TOuter First { get; private set; } = default!;

        [JsonInclude]
        private TInner _second = default!;

        public static Inner<TInner> Create(TOuter first, TInner second) => new() { First = first, _second = second };

        public TInner Second() => _second;
    }
}

/// <summary>A generic base class of a non-generic payload type.</summary>
public class GenericBase<T>
{
    [JsonInclude]
    public T BaseValue { get; protected set; } = default!;

    public void SetBaseValue(T value) => BaseValue = value;
}

public sealed class GenericDerived : GenericBase<string>
{
    public int Own { get; set; }
}

/// <summary>The payload of <c>e2e_generic</c>.</summary>
public sealed record GenericArgs(
    GenericBox<int> IntBox,
    GenericBox<string?> StringBox,
    GenericBox<GenericBox<long>> Nested,
    GenericPair<string, List<int>> Pair,
    GenericPair<int, GenericPair<int, string>>? MaybePair,
    GenericMade<string> Made,
    GenericOuter<int>.Inner<string> Inner,
    GenericDerived Derived,
    GenericBox<FieldsStruct> WithStruct);
