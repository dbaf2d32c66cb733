using Jobs.Schema;

namespace Jobs.Tests.Input;

/// <summary>System schemas are refused, and user input an error repeats is shortened.</summary>
public sealed class EchoedInputTests
{
    [Theory]
    [InlineData("information_schema")]
    [InlineData("pg_catalog")]
    [InlineData("pg_toast")]
    [InlineData("pg_jobs")]
    public void System_schema_names_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new SchemaName(name));

        Assert.Equal("name", error.ParamName);
        Assert.Contains($"'{name}' is a system schema name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PG_jobs")]
    [InlineData("pgjobs")]
    [InlineData("app_jobs")]
    public void Names_postgresql_does_not_reserve_are_accepted(string name) =>
        Assert.Equal(name, new SchemaName(name).Value);

    [Fact]
    public void A_huge_invalid_schema_name_is_echoed_shortened()
    {
        var name = new string('x', 100_000) + "-";

        var error = Assert.Throws<ArgumentException>(() => new SchemaName(name));

        Assert.StartsWith($"'{new string('x', 64)}…(100001 characters)' is not a valid schema name", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, error.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Echo_keeps_short_text_whole_and_shows_control_characters_escaped()
    {
        Assert.Equal("send_email", InputText.Echo("send_email"));
        Assert.Equal("a\\u0000b\\u000A", InputText.Echo("a\0b\n"));
    }

    [Fact]
    public void Echo_cuts_at_64_characters_counting_and_keeping_surrogate_pairs_whole()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 65));

        var echoed = InputText.Echo(emoji);

        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F600", 64)) + "…(65 characters)", echoed);
        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F600", 64)), InputText.Echo(string.Concat(Enumerable.Repeat("\U0001F600", 64))));
    }
}
