using System.Text.Json.Serialization;

namespace Jobs.Tests.Handlers;

/// <summary>The run-time error for a type the assembly's context does not know suggests a <c>typeof</c> that compiles.</summary>
public sealed class SerializerContextMessageTests
{
    public sealed class Outer<T>
    {
        public sealed class Inner;
    }

    [Theory]
    [InlineData(typeof(HashSet<Dictionary<string, int?>>), "HashSet<Dictionary<string, int?>>")]
    [InlineData(typeof(Outer<string>.Inner), "SerializerContextMessageTests.Outer<string>.Inner")]
    [InlineData(typeof(Outer<List<Uri>>[]), "SerializerContextMessageTests.Outer<List<Uri>>[]")]
    [InlineData(typeof(int[,]), "int[,]")]
    [InlineData(typeof(KeyValuePair<Guid, object>), "KeyValuePair<Guid, object>")]
    public void A_type_is_named_as_csharp_source_names_it(Type type, string expected) =>
        Assert.Equal(expected, CSharpTypeName.Of(type));

    [Fact]
    public void A_type_the_context_does_not_know_names_the_attribute_to_add()
    {
        var error = Assert.Throws<InvalidOperationException>(() => JobSerializerContexts.GetTypeInfo<HashSet<Uri>>(OnlyNumbersContext.Default));

        Assert.Contains("add [JsonSerializable(typeof(HashSet<Uri>))] to it", error.Message, StringComparison.Ordinal);
    }
}

[JsonSerializable(typeof(int))]
internal sealed partial class OnlyNumbersContext : JsonSerializerContext;
