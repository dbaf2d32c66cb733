using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobs.Generators.Tests;

/// <summary>The System.Text.Json values the generator and analyzers name (<c>Shared/JsonEnums.cs</c>) are System.Text.Json's, member for member.</summary>
public sealed class JsonEnumsTests
{
    [Fact]
    public void IgnoreCondition_is_JsonIgnoreCondition() => AssertSame<JsonEnums.IgnoreCondition, JsonIgnoreCondition>();

    [Fact]
    public void KnownNamingPolicy_is_JsonKnownNamingPolicy() => AssertSame<JsonEnums.KnownNamingPolicy, JsonKnownNamingPolicy>();

    [Fact]
    public void SerializerDefaults_is_JsonSerializerDefaults() => AssertSame<JsonEnums.SerializerDefaults, JsonSerializerDefaults>();

    private static void AssertSame<TOurs, TTheirs>()
        where TOurs : struct, Enum
        where TTheirs : struct, Enum
    {
        var ours = Enum.GetValues<TOurs>().ToDictionary(v => v.ToString(), v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture));
        var theirs = Enum.GetValues<TTheirs>().ToDictionary(v => v.ToString(), v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(theirs.OrderBy(p => p.Key), ours.OrderBy(p => p.Key));
    }
}
