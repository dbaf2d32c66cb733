namespace Jobs.Cli.Tests;

public sealed class CommandLineTests
{
    private static readonly OptionSpec Connection = new("--connection", "string", "c");
    private static readonly OptionSpec Schema = new("--schema", "name", "s");
    private static readonly OptionSpec Check = new("--check", null, "k");
    private static readonly OptionSpec[] Options = [Connection, Schema, Check];

    private static CommandLine Parse(params string[] args) => CommandLine.Parse("migrate", args, Options);

    private static string UsageError(params string[] args)
    {
        var ex = Assert.Throws<CliException>(() => Parse(args));
        Assert.Equal(ExitCodes.Usage, ex.ExitCode);
        return ex.Message;
    }

    [Fact]
    public void Nothing_given_means_defaults()
    {
        var line = Parse();
        Assert.False(line.HelpRequested);
        Assert.Null(line.Value(Connection));
        Assert.Null(line.Value(Schema));
        Assert.False(line.Has(Check));
    }

    [Fact]
    public void Values_follow_their_option_or_an_equals_sign()
    {
        var line = Parse("--connection", "Host=db;Database=app", "--schema=billing", "--check");
        Assert.Equal("Host=db;Database=app", line.Value(Connection));
        Assert.Equal("billing", line.Value(Schema));
        Assert.True(line.Has(Check));
    }

    [Fact]
    public void A_value_after_equals_may_itself_contain_equals_signs()
    {
        Assert.Equal("Host=db;Port=5433", Parse("--connection=Host=db;Port=5433").Value(Connection));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_wins_over_every_other_mistake(string help)
    {
        Assert.True(Parse("--bogus", "stray", help, "--schema").HelpRequested);
    }

    [Fact]
    public void Unknown_option_is_named()
    {
        Assert.Contains("unknown option '--bogus' for 'jobs migrate'", UsageError("--check", "--bogus=1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Stray_argument_is_named()
    {
        Assert.Contains("unexpected argument 'app_jobs'", UsageError("--check", "app_jobs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--schema")]
    [InlineData("--schema", "--check")]
    [InlineData("--connection", "-x")]
    public void Missing_value_is_reported(params string[] args)
    {
        Assert.Contains("needs a value", UsageError(args), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--schema=")]
    [InlineData("--connection", " ")]
    public void Empty_value_is_reported(params string[] args)
    {
        Assert.Contains("needs a non-empty value", UsageError(args), StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_option_is_reported()
    {
        Assert.Contains("'--schema' is given more than once", UsageError("--schema", "a", "--schema=b"), StringComparison.Ordinal);
    }

    [Fact]
    public void Flag_with_a_value_is_reported()
    {
        Assert.Contains("'--check' takes no value", UsageError("--check=yes"), StringComparison.Ordinal);
    }
}
