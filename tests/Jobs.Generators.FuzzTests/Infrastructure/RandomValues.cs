using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Jobs.Generators.FuzzTests.Infrastructure;

/// <summary>
/// Random values of a loaded payload type, built by reflection: every instance field of the type
/// and its bases (backing fields included) gets a random value that respects its nullability, so
/// what is tried is any state the declared type can hold, whatever its constructors allow.
/// </summary>
public sealed class RandomValues(Random random)
{
    private const int MaxDepth = 4;
    private const string Alphabet = "abcXYZ09 _-\"\\/<>&'é\n\t\u00fc\u4e2d\ufffd\ud83d\ude00";
    private readonly NullabilityInfoContext _nullability = new();

    /// <summary>A random value of <paramref name="type"/>, never null at the top.</summary>
    public object Create(Type type) => Value(type, nullable: false, depth: 0)!;

    private object? Value(Type type, bool nullable, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return random.Next(4) == 0 ? null : Value(underlying, false, depth);
        }
        if (nullable && !type.IsValueType && (depth >= MaxDepth || random.Next(4) == 0))
        {
            return null;
        }
        if (type.IsEnum)
        {
            return EnumValue(type);
        }
        if (Scalar(type) is { } scalar)
        {
            return scalar;
        }
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var items = Items(element, depth);
            var array = Array.CreateInstance(element, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                array.SetValue(items[i], i);
            }
            return array;
        }
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            if (args.Length == 2 && args[0] == typeof(string) && definition.Name.Contains("Dictionary", StringComparison.Ordinal))
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
                foreach (var item in Items(args[1], depth))
                {
                    dictionary[Text() + dictionary.Count] = item;
                }
                return dictionary;
            }
            if (args.Length == 1 && (definition == typeof(HashSet<>) || definition == typeof(ISet<>)))
            {
                var set = Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(args))!;
                var add = set.GetType().GetMethod("Add")!;
                foreach (var item in Items(args[0], depth))
                {
                    add.Invoke(set, [item]);
                }
                return set;
            }
            if (args.Length == 1 && typeof(IEnumerable).IsAssignableFrom(type))
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args))!;
                foreach (var item in Items(args[0], depth))
                {
                    list.Add(item);
                }
                return list;
            }
        }
        if (type == typeof(object))
        {
            return random.Next(3) switch { 0 => random.Next(), 1 => Text(), _ => null };
        }
        if (type.IsInterface || type.IsAbstract)
        {
            return null;
        }
        var instance = type.IsValueType ? Activator.CreateInstance(type)! : RuntimeHelpers.GetUninitializedObject(type);
        for (var t = type; t is not null && t.Assembly == type.Assembly; t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                field.SetValue(instance, Value(field.FieldType, IsNullable(field), depth + 1));
            }
        }
        return instance;
    }

    private List<object?> Items(Type element, int depth)
    {
        var count = depth >= MaxDepth ? 0 : random.Next(0, 4);
        var items = new List<object?>();
        for (var i = 0; i < count; i++)
        {
            // Collection elements get the element type's own nullability: annotations of type
            // arguments are not read here, so reference elements are never null.
            items.Add(Value(element, nullable: false, depth + 1));
        }
        return items;
    }

    private bool IsNullable(FieldInfo field)
    {
        if (field.FieldType.IsValueType)
        {
            return Nullable.GetUnderlyingType(field.FieldType) is not null;
        }
        // A backing field carries the property's annotation on the property.
        if (field.Name.StartsWith('<') && field.Name.IndexOf(">k__BackingField", StringComparison.Ordinal) is > 1 and var end
            && field.DeclaringType!.GetProperty(field.Name[1..end], BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) is { } property)
        {
            return _nullability.Create(property).ReadState != NullabilityState.NotNull;
        }
        return _nullability.Create(field).ReadState != NullabilityState.NotNull;
    }

    private object EnumValue(Type type)
    {
        var values = Enum.GetValues(type);
        var underlying = Enum.GetUnderlyingType(type);
        if (values.Length > 0 && random.Next(5) != 0)
        {
            return values.GetValue(random.Next(values.Length))!;
        }
        // Sometimes a value with no name (or a combination of flags).
        return Enum.ToObject(type, Convert.ChangeType(random.Next(-2, 70), underlying, System.Globalization.CultureInfo.InvariantCulture));
    }

    private object? Scalar(Type type)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => random.Next(2) == 0,
            TypeCode.Byte => bytes[0],
            TypeCode.SByte => (sbyte)bytes[0],
            TypeCode.Int16 => BitConverter.ToInt16(bytes),
            TypeCode.UInt16 => BitConverter.ToUInt16(bytes),
            TypeCode.Int32 => Pick(BitConverter.ToInt32(bytes), 0, int.MinValue, int.MaxValue),
            TypeCode.UInt32 => BitConverter.ToUInt32(bytes),
            TypeCode.Int64 => Pick(BitConverter.ToInt64(bytes), 0, long.MinValue, long.MaxValue, 1L << 53),
            TypeCode.UInt64 => Pick(BitConverter.ToUInt64(bytes), 0UL, ulong.MaxValue),
            TypeCode.Double => Pick(Finite(BitConverter.ToDouble(bytes)), 0.1, -0.0, 1e300, double.Epsilon, random.NextDouble()),
            TypeCode.Single => Pick((float)Finite(BitConverter.ToSingle(bytes)), 0.1f, float.MaxValue, (float)random.NextDouble()),
            TypeCode.Decimal => Pick(new decimal(BitConverter.ToInt32(bytes), BitConverter.ToInt32(bytes, 4), BitConverter.ToInt32(bytes, 8), bytes[12] % 2 == 0, (byte)(bytes[13] % 29)), 0m, decimal.MaxValue, 1.10m),
            TypeCode.String => Text(),
            TypeCode.Char => Pick(Alphabet[random.Next(Alphabet.Length - 2)], '\0', '"'),
            TypeCode.DateTime => new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), (DateTimeKind)random.Next(3)),
            _ => Other(type, bytes),
        };
    }

    private object? Other(Type type, byte[] bytes) => type switch
    {
        _ when type == typeof(Guid) => new Guid(bytes),
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(random.Next(-840, 841))),
        _ when type == typeof(DateOnly) => DateOnly.FromDayNumber(random.Next(0, DateOnly.MaxValue.DayNumber)),
        _ when type == typeof(TimeOnly) => new TimeOnly(random.NextInt64(0, TimeOnly.MaxValue.Ticks)),
        _ when type == typeof(TimeSpan) => new TimeSpan(random.NextInt64(long.MinValue / 2, long.MaxValue / 2)),
        _ when type == typeof(byte[]) => bytes[..random.Next(0, 16)],
        _ when type == typeof(Int128) => new Int128(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes, 8)),
        _ when type == typeof(UInt128) => new UInt128(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes, 8)),
        _ when type == typeof(Half) => (Half)random.NextDouble(),
        _ when type == typeof(Uri) => new Uri("https://example.com/" + random.Next()),
        _ when type == typeof(System.Text.Json.JsonElement) => System.Text.Json.JsonDocument.Parse(random.Next(2) == 0 ? "[1,\"a\"]" : "{\"k\":null}").RootElement.Clone(),
        _ => null,
    };

    private T Pick<T>(T random1, params T[] specials) => random.Next(3) == 0 ? specials[random.Next(specials.Length)] : random1;

    private static double Finite(double d) => double.IsFinite(d) ? d : 1.5;

    // The emoji stays whole: a lone half is refused by the generated writers (System.Text.Json
    // would write U+FFFD in its place), which LoneSurrogateTests covers; here values round-trip.
    private string Text() => string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ =>
        random.Next(Alphabet.Length - 1) is var i && char.IsHighSurrogate(Alphabet[i]) ? Alphabet.Substring(i, 2) : Alphabet[i].ToString()));
}
