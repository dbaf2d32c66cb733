using Jobs.Analyzers.Contracts;

namespace Jobs.Analyzers.Tests.Contracts;

/// <summary>Each kind of payload change, breaking or additive, as the contract comparison judges it.</summary>
public sealed class ContractComparerTests
{
    private const string Old = """
        {"tasks": {"send": {"payload": "Args", "types": {
          "Args": {"to": "required string", "cc": "string?", "count": "int32", "tags": "string[]", "address": "Address?", "color": "Color", "level": "Level", "extra": "map<int32>{}" },
          "Address": {"city": "required string", "next": "Address?"},
          "Color": ["green", "red"],
          "Level": {"$underlying": "int32", "Low": 0, "High": 1}
        }}}}
        """;

    private static IReadOnlyList<ContractChange> Changes(string from, string to) =>
        ContractComparer.Compare(ContractJson.Read(from)["send"].Contract, ContractJson.Read(to)["send"].Contract);

    private static string Edit(string replace, string with)
    {
        Assert.Contains(replace, Old, StringComparison.Ordinal);
        return Old.Replace(replace, with, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_contract_has_no_change() => Assert.Empty(Changes(Old, Old));

    [Theory]
    [InlineData("\"cc\": \"string?\", ", "", "member 'cc' of Args was removed or renamed")]
    [InlineData("\"cc\": \"string?\"", "\"carbon_copy\": \"string?\"", "member 'cc' of Args was removed or renamed")]
    [InlineData("\"count\": \"int32\"", "\"count\": \"string\"", "member 'count' of Args changed from int32 to string")]
    [InlineData("\"count\": \"int32\"", "\"count\": \"int16\"", "member 'count' of Args changed from int32 to int16")]
    [InlineData("\"count\": \"int32\"", "\"count\": \"uint32\"", "member 'count' of Args changed from int32 to uint32")]
    [InlineData("\"count\": \"int32\"", "\"count\": \"required int32\"", "member 'count' of Args is now required")]
    [InlineData("\"cc\": \"string?\"", "\"cc\": \"string\"", "member 'cc' of Args no longer accepts null")]
    [InlineData("\"tags\": \"string[]\"", "\"tags\": \"string\"", "member 'tags' of Args changed from string[] to string")]
    [InlineData("\"tags\": \"string[]\"", "\"tags\": \"int32[]\"", "the items of member 'tags' of Args changed from string to int32")]
    [InlineData("\"tags\": \"string[]\"", "\"tags\": \"string{}\"", "member 'tags' of Args changed from string[] to string{}")]
    [InlineData("\"city\": \"required string\", ", "", "member 'city' of Address was removed or renamed")]
    [InlineData("[\"green\", \"red\"]", "[\"green\"]", "enum Color no longer reads 'red'")]
    [InlineData("[\"green\", \"red\"]", "{\"green\": \"int32\"}", "member 'color' of Args changed from a string enum Color to an object")]
    [InlineData("\"level\": \"Level\"", "\"level\": \"Color\"", "member 'level' of Args changed from an enum written as a number Level (now Color) to a string enum")]
    [InlineData("\"Low\": 0, \"High\": 1", "\"Low\": 0, \"High\": 2", "enum Level's High was 1 and is now 2: stored 1s change meaning")]
    [InlineData("\"Low\": 0, \"High\": 1", "\"Low\": 0", "enum Level has no member of value 1 (High) any more")]
    [InlineData("\"$underlying\": \"int32\"", "\"$underlying\": \"byte\"", "enum Level changed from int32 to byte")]
    [InlineData("\"to\": \"required string\"", "\"to\": \"required string\", \"subject\": \"required string\"", "member 'subject' of Args is new and required (payloads without it no longer read; give it a default)")]
    [InlineData("\"extra\": \"map<int32>{}\"", "\"extra\": \"map<int32>[]\"", "member 'extra' of Args changed from map<int32>{} to map<int32>[]")]
    public void A_breaking_change_is_named(string replace, string with, string expected)
    {
        var changes = Changes(Old, Edit(replace, with));

        var breaking = Assert.Single(changes, c => c.IsBreaking);
        Assert.Equal(expected, breaking.Description);
    }

    [Theory]
    [InlineData("\"to\": \"required string\"", "\"to\": \"required string\", \"subject\": \"string?\"", "member 'subject' of Args is new")]
    [InlineData("\"count\": \"int32\"", "\"count\": \"int32?\"", "member 'count' of Args now accepts null")]
    [InlineData("\"count\": \"int32\"", "\"count\": \"int64\"", "member 'count' of Args widened from int32 to int64")]
    [InlineData("\"count\": \"int32\"", "\"count\": \"double\"", "member 'count' of Args widened from int32 to double")]
    [InlineData("\"count\": \"int32\"", "\"count\": \"decimal\"", "member 'count' of Args widened from int32 to decimal")]
    [InlineData("\"Low\": 0, \"High\": 1", "\"Low\": 0, \"Top\": 1", "enum Level's High (1) is renamed Top")]
    [InlineData("\"Low\": 0, \"High\": 1", "\"Low\": 0, \"High\": 1, \"Max\": 9", "enum Level has a new member Max (9)")]
    [InlineData("\"$underlying\": \"int32\"", "\"$underlying\": \"int64\"", "enum Level widened from int32 to int64")]
    [InlineData("\"to\": \"required string\"", "\"to\": \"string\"", "member 'to' of Args is now optional")]
    [InlineData("[\"green\", \"red\"]", "[\"blue\", \"green\", \"red\"]", "enum Color reads 'blue'")]
    public void An_additive_change_is_named_and_not_breaking(string replace, string with, string expected)
    {
        var change = Assert.Single(Changes(Old, Edit(replace, with)));

        Assert.False(change.IsBreaking);
        Assert.Equal(expected, change.Description);
    }

    [Fact]
    public void A_renamed_type_that_reads_the_same_is_no_change()
    {
        var renamed = Old.Replace("Address", "PostalAddress", StringComparison.Ordinal);

        Assert.Empty(Changes(Old, renamed));
    }

    [Fact]
    public void A_recursive_type_is_compared_once_and_its_change_found()
    {
        var changes = Changes(Old, Edit("\"next\": \"Address?\"", "\"next\": \"Address\""));

        Assert.Equal("member 'next' of Address no longer accepts null", Assert.Single(changes).Description);
    }

    [Fact]
    public void A_64_bit_integer_does_not_widen_to_double_which_would_round_it()
    {
        var from = Edit("\"count\": \"int32\"", "\"count\": \"int64\"");
        var to = Edit("\"count\": \"int32\"", "\"count\": \"double\"");

        Assert.True(Assert.Single(Changes(from, to)).IsBreaking);
    }

    [Fact]
    public void The_file_is_written_sorted_and_read_back_to_the_same_contracts()
    {
        var read = ContractJson.Read(Old).ToDictionary(t => t.Key, t => t.Value.Contract);

        var written = ContractJson.Write(read);
        var again = ContractJson.Read(written).ToDictionary(t => t.Key, t => t.Value.Contract);

        Assert.Equal(written, ContractJson.Write(again));
        Assert.Empty(ContractComparer.Compare(read["send"], again["send"]));
        Assert.Contains("\"Color\": [\"green\", \"red\"]", written, StringComparison.Ordinal);
        Assert.True(written.IndexOf("\"address\"", StringComparison.Ordinal) < written.IndexOf("\"cc\"", StringComparison.Ordinal), "members are sorted");
    }

    [Theory]
    [InlineData("", "the text ends early (at offset 0)")]
    [InlineData("[]", "the file must hold one JSON object")]
    [InlineData("{\"tasks\": {\"send\": {}}}", "task 'send' needs a \"payload\" string (at offset 19)")]
    [InlineData("{\"tasks\": {\"send\": {\"payload\": \"Args[\"}}}", "'Args[' is not a type (at offset 31)")]
    [InlineData("{\"tasks\": {\"send\": {\"payload\": \"Args\", \"types\": {\"Args\": {\"a\": 1}}}}}", "member 'a' of 'Args' must be a string (at offset 63)")]
    [InlineData("{\"tasks\": {} \"x\": 1}", "'}' expected (at offset 13)")]
    [InlineData("{\"a\": 1, \"a\": 2}", "'a' appears twice (at offset 15)")]
    public void An_unreadable_file_says_where_and_why(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ContractJson.Read(text));

        Assert.Equal(expected, error.Message);
    }
}
