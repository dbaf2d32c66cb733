using System.Reflection;
using System.Text.Json;
using Jobs.Generators.Model;

namespace Jobs.Generators.Tests;

/// <summary>Every runtime method the generated code calls per <see cref="ValueKind"/> (<c>RuntimeHelpers.cs</c>) exists on the runtime types, with the shape the emitter calls it with.</summary>
public sealed class RuntimeHelpersTests
{
    // By name: ValueKind is internal to the generator, and xUnit's test methods are public.
    public static TheoryData<string> Kinds() => new(Enum.GetNames<ValueKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_names_methods_the_runtime_has(string kindName)
    {
        var kind = Enum.Parse<ValueKind>(kindName);
        if (kind is not (ValueKind.Enum or ValueKind.Shape))
        {
            var reader = RuntimeHelpers.Reader(kind);
            Assert.NotNull(reader);
            AssertMethod(typeof(JobPayloadReader), reader, typeof(Utf8JsonReader).MakeByRefType(), typeof(JobPayloadPath));
        }
        if (RuntimeHelpers.NullableReader(kind) is { } nullableReader)
        {
            AssertMethod(typeof(JobPayloadReader), nullableReader, typeof(Utf8JsonReader).MakeByRefType(), typeof(JobPayloadPath));
        }
        if (RuntimeHelpers.ValueWriter(kind) is { } valueWriter)
        {
            AssertMethod(typeof(JobPayloadWriter), valueWriter, typeof(Utf8JsonWriter), null);
        }
        if (RuntimeHelpers.PropertyWriter(kind) is { } propertyWriter)
        {
            AssertMethod(typeof(JobPayloadWriter), propertyWriter, typeof(Utf8JsonWriter), typeof(JsonEncodedText));
        }
    }

    [Theory]
    [InlineData("byte", "Byte")]
    [InlineData("sbyte", "SByte")]
    [InlineData("short", "Int16")]
    [InlineData("ushort", "UInt16")]
    [InlineData("int", "Int32")]
    [InlineData("uint", "UInt32")]
    [InlineData("long", "Int64")]
    [InlineData("ulong", "UInt64")]
    public void Enum_underlying_types_read_as_their_kind(string underlying, string kind) =>
        Assert.Equal(Enum.Parse<ValueKind>(kind), RuntimeHelpers.EnumUnderlyingKind(underlying));

    private static void AssertMethod(Type type, string name, Type first, Type? second)
    {
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == name).ToList();
        Assert.True(methods.Count > 0, $"{type.Name}.{name} does not exist");
        Assert.Contains(methods, m =>
        {
            var parameters = m.GetParameters();
            return parameters.Length >= 2 && parameters[0].ParameterType == first && (second is null || parameters[1].ParameterType == second);
        });
    }
}
