using System.Text;

namespace Jobs.Tests.Handlers;

/// <summary>
/// The path a refused lone surrogate is reported at, read off the JSON a generated writer wrote
/// before it: the value about to be written is the next element of each open array and the pending
/// property of each open object.
/// </summary>
public sealed class LoneSurrogatePathTests
{
    [Theory]
    [InlineData("", null, "$")]
    [InlineData("{", "name", "$.name")]
    [InlineData("{\"a\":1", "name", "$.name")]
    [InlineData("[1,2", null, "$[2]")]
    [InlineData("{\"items\":[{\"x\":1.5},{\"x\":true},{\"x\":null", "name", "$.items[2].name")]
    [InlineData("{\"labels\":{\"first\":\"x\",\"second\":", null, "$.labels.second")]
    [InlineData("{\"labels\":{\"first\":\"x\"", null, "$.labels")]
    [InlineData("{\"a\":[[],{}],\"b\":[\"s\\\"]\",[", null, "$.b[1][0]")]
    [InlineData("{\"we\\u00efrd key\":", null, "$.weïrd key")]
    public void The_path_is_that_of_the_value_after_the_json_written(string written, string? property, string path)
    {
        var refusal = new LoneSurrogateException(LoneSurrogateException.Place.Value, property, "\ud800", 0);

        Assert.Equal(path, refusal.PathAfter(Encoding.UTF8.GetBytes(written)));
    }

    [Fact]
    public void A_refusal_thrown_outside_serialize_still_says_what_and_where_it_can()
    {
        var refusal = new LoneSurrogateException(LoneSurrogateException.Place.Value, "name", "ab\ud800", 2);

        Assert.Equal("args", refusal.ParamName);
        Assert.StartsWith("The payload's property '….name' (\"ab\\uD800\") contains a lone surrogate (U+D800) at index 2;", refusal.Message, StringComparison.Ordinal);
    }
}
