using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobs.Generators.Tests;

/// <summary>
/// What JOBS018 and its code fix assume about System.Text.Json's source-generated options, checked
/// on real generated contexts: Web defaults name camelCase, an explicit Unspecified undoes that,
/// and DictionaryKeyPolicy converts string keys only when set.
/// </summary>
public sealed partial class ContextNamingRuntimeTests
{
    public sealed record Line(string Sku, decimal UnitPrice);

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(Line))]
    internal sealed partial class WebContext : JsonSerializerContext;

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
    [JsonSerializable(typeof(Line))]
    internal sealed partial class WebUnspecifiedContext : JsonSerializerContext;

    [JsonSourceGenerationOptions(DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(Dictionary<string, int>))]
    internal sealed partial class KeyContext : JsonSerializerContext;

    [JsonSourceGenerationOptions(DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified)]
    [JsonSerializable(typeof(Dictionary<string, int>))]
    internal sealed partial class KeyUnspecifiedContext : JsonSerializerContext;

    [Fact]
    public void Web_defaults_name_camel_case() =>
        Assert.Equal("""{"sku":"a","unitPrice":1}""", JsonSerializer.Serialize(new Line("a", 1), WebContext.Default.Line));

    [Fact]
    public void An_explicit_unspecified_policy_undoes_web_camel_case() =>
        Assert.Equal("""{"Sku":"a","UnitPrice":1}""", JsonSerializer.Serialize(new Line("a", 1), WebUnspecifiedContext.Default.Line));

    [Fact]
    public void A_dictionary_key_policy_converts_keys_only_when_set()
    {
        var counts = new Dictionary<string, int> { ["PageViews"] = 1 };
        Assert.Equal("""{"page_views":1}""", JsonSerializer.Serialize(counts, KeyContext.Default.DictionaryStringInt32));
        Assert.Equal("""{"PageViews":1}""", JsonSerializer.Serialize(counts, KeyUnspecifiedContext.Default.DictionaryStringInt32));
    }
}
