using System.Text;
using Jobs.Generated;

namespace Jobs.EndToEnd.Tests.Serialization;

/// <summary>A payload that does not fit its type is a JobPayloadException naming the property at fault.</summary>
public sealed class PayloadErrorTests
{
    private const string Valid = """
        {"to":"a@b.c","subject":"s","body":"b","template_id":"7d3f0c55-3f5e-4a4e-9b55-2a0cfb1f4c61","send_at":"2024-01-02T03:04:05+00:00",
         "cc":["x"],"reply_address":{"street":"s","city":"c","zip":null},"priority":null}
        """;

    private static JobPayloadException Read(string json) =>
        Assert.Throws<JobPayloadException>(() => JobsEndToEndTestsJobPayloads.DeserializeEmailArgs(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void The_valid_payload_reads()
    {
        var args = JobsEndToEndTestsJobPayloads.DeserializeEmailArgs(Encoding.UTF8.GetBytes(Valid));

        Assert.Equal("a@b.c", args.To);
        Assert.Equal(["x"], args.Cc);
        Assert.Null(args.Priority);
    }

    [Fact]
    public void A_wrong_token_names_the_property() =>
        Assert.Equal("The payload's property '$.to' must be a string, but it is a number.", Read(Valid.Replace("\"to\":\"a@b.c\"", "\"to\":5", StringComparison.Ordinal)).Message);

    [Fact]
    public void A_missing_required_property_names_it() =>
        Assert.Equal("The payload has no value for the required property '$.subject'.", Read(Valid.Replace("\"subject\":\"s\",", "", StringComparison.Ordinal)).Message);

    [Fact]
    public void A_missing_property_of_a_nested_object_names_its_path() =>
        Assert.Contains("'$.reply_address.city'", Read(Valid.Replace("\"city\":\"c\",", "", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_wrong_element_names_its_index() =>
        Assert.Contains("'$.cc[1]' must be a string, but it is a boolean", Read(Valid.Replace("[\"x\"]", "[\"x\",true]", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

    [Fact]
    public void Null_for_a_non_nullable_member_is_refused() =>
        Assert.Contains("'$.reply_address' is null", Read(Valid.Replace("{\"street\":\"s\",\"city\":\"c\",\"zip\":null}", "null", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_value_out_of_range_names_the_property() =>
        Assert.Contains("'$.priority' must be an Int32", Read(Valid.Replace("\"priority\":null", "\"priority\":1e40", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_malformed_guid_names_the_property() =>
        Assert.Contains("'$.template_id' must be a Guid string", Read(Valid.Replace("7d3f0c55-", "zz", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

    [Fact]
    public void Malformed_json_is_a_payload_error() =>
        Assert.StartsWith("The payload is not valid JSON", Read(Valid[..40]).Message, StringComparison.Ordinal);

    [Fact]
    public void A_payload_that_is_not_an_object_is_refused() =>
        Assert.Equal("The payload's property '$' must be an object, but it is an array.", Read("[]").Message);
}
