using System.Text;

namespace Jobs.UnitTests.Handlers;

/// <summary>The "$version" stamp of versioned payloads: where it is written, and how it is read back.</summary>
public sealed class JobPayloadVersionsTests
{
    [Theory]
    [InlineData("{\"a\":1}", "{\"$version\":2,\"a\":1}")]
    [InlineData("{}", "{\"$version\":2}")]
    [InlineData("{ }", "{\"$version\":2 }")]
    [InlineData("  {\"a\":1}", "  {\"$version\":2,\"a\":1}")]
    [InlineData("null", "null")]
    [InlineData("[1]", "[1]")]
    [InlineData("", "")]
    public void The_stamp_is_the_objects_first_property_and_anything_else_is_left_as_it_is(string json, string expected)
    {
        Assert.Equal(expected, JobPayloadVersions.Stamp(json, 2));
        Assert.Equal(expected, Encoding.UTF8.GetString(JobPayloadVersions.Stamp(Encoding.UTF8.GetBytes(json), 2).Span));
    }

    [Theory]
    [InlineData("{\"a\":{\"$version\":9},\"$version\":3}", 3)]
    [InlineData("{\"a\":[{\"$version\":9}]}", 1)]
    [InlineData("{\"\\u0024version\":4}", 4)]
    [InlineData("{}", 1)]
    [InlineData("null", 0)]
    [InlineData("[{\"$version\":2}]", 0)]
    public void The_version_is_the_root_objects_own_wherever_it_stands(string json, int expected) =>
        Assert.Equal(expected, JobPayloadVersions.Of(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"$version\":\"2\"}")]
    [InlineData("{\"$version\":0}")]
    [InlineData("{\"$version\":2.5}")]
    [InlineData("{\"$version\":null}")]
    public void A_version_that_is_not_a_positive_integer_is_a_payload_error(string json)
    {
        var error = Assert.Throws<JobPayloadException>(() => JobPayloadVersions.Of(Encoding.UTF8.GetBytes(json)));

        Assert.Equal("The payload's '$version' must be a positive integer.", error.Message);
    }

    [Fact]
    public void Malformed_JSON_is_a_payload_error() =>
        Assert.StartsWith("The payload is not valid JSON", Assert.Throws<JobPayloadException>(() => JobPayloadVersions.Of("{\"a\":"u8)).Message, StringComparison.Ordinal);
}
