using Jobs.Cli.Tests.Infrastructure;
using Jobs.Testing.Postgres;

namespace Jobs.Cli.Tests;

/// <summary>
/// <c>jobs migrate</c> given hostile input: a system schema is a usage error that installs nothing,
/// and no argument, however long, is repeated whole on the error line.
/// </summary>
public sealed class HostileInputTests : MigrateTest
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Templates.EmptyDatabaseAsync();

    [Theory]
    [InlineData("information_schema")]
    [InlineData("pg_catalog")]
    [InlineData("pg_jobs")]
    public async Task A_system_schema_is_a_usage_error_and_nothing_is_installed(string schema)
    {
        var before = await Catalog.FingerprintAsync(Database, "information_schema");

        var line = (await MigrateAsync("--schema", schema)).AssertOneLineError(2);

        Assert.Equal($"jobs: error: '{schema}' is a system schema name (information_schema, or the pg_ prefix PostgreSQL reserves); choose another schema for the job tables.", line);
        Assert.False(await Catalog.RelationExistsAsync(Database, $"{schema}.jobs"));
        Assert.False(await Catalog.RelationExistsAsync(Database, $"{schema}.jobs_migrations"));
        Assert.False(await Catalog.SchemaExistsAsync(Database, "app_jobs"));
        Assert.Equal(before, await Catalog.FingerprintAsync(Database, "information_schema"));
    }

    [Fact]
    public async Task A_100_kb_schema_name_is_echoed_shortened()
    {
        var schema = new string('s', 100_000);

        var line = (await MigrateAsync("--schema", schema)).AssertOneLineError(2);

        Assert.Equal($"jobs: error: '{new string('s', 64)}…(100000 characters)' is not a valid schema name: use a letter or underscore followed by at most 62 letters, digits or underscores.", line);
    }

    [Fact]
    public async Task No_error_line_repeats_a_huge_argument_whole()
    {
        // The tool's own messages repeat an unknown option; the line is cut, saying how long it was.
        var option = "--" + new string('x', 100_000);

        var line = (await CliRun.RunAsync("migrate", option)).AssertOneLineError(2);

        Assert.True(line.Length <= "jobs: error: ".Length + 1_000 + "…(100000 characters)".Length + 10, $"{line.Length} characters");
        Assert.Matches(@"…\(\d{6} characters\)$", line);
    }
}
