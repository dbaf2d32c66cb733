namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>What one in-process run of <c>jobs</c> returned and printed.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The non-empty lines printed on stdout.</summary>
    public string[] OutLines => Lines(Stdout);

    /// <summary>The non-empty lines printed on stderr.</summary>
    public string[] ErrorLines => Lines(Stderr);

    /// <summary>Runs <c>jobs</c> in this process with <paramref name="args"/> and exactly the variables in <paramref name="environment"/>.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await Jobs.Cli.Cli.RunAsync(args, stdout, stderr, environment);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>jobs</c> in this process as if on <paramref name="terminal"/>: what stdin holds, and which streams are terminals.</summary>
    public static async Task<CliRun> RunAsync(CliTerminal terminal, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stdin = new StringReader(terminal.Stdin);
        var context = new CliContext(stdout, stderr, stdin, terminal.InputIsTerminal, terminal.OutputIsTerminal, environment, terminal.ErrorIsTerminal);
        var exitCode = await Jobs.Cli.Cli.RunInContextAsync(args, context, CancellationToken.None);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>jobs</c> with an empty environment.</summary>
    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    /// <summary>Asserts the run failed with <paramref name="exitCode"/>, printing one error line and nothing else; returns that line.</summary>
    public string AssertOneLineError(int exitCode)
    {
        Assert.True(exitCode == ExitCode, $"expected exit code {exitCode}, got {ExitCode}; stdout: {Stdout}; stderr: {Stderr}");
        Assert.Equal("", Stdout);
        var line = Assert.Single(ErrorLines);
        Assert.StartsWith("jobs: error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        return line;
    }

    /// <summary>Asserts the run succeeded with exactly one line on stdout and nothing on stderr; returns that line.</summary>
    public string AssertOneLineSuccess()
    {
        Assert.True(ExitCode == 0, $"expected exit code 0, got {ExitCode}; stdout: {Stdout}; stderr: {Stderr}");
        Assert.Equal("", Stderr);
        return Assert.Single(OutLines);
    }

    /// <summary>Asserts exit code <paramref name="exitCode"/>, nothing on stderr, and returns the lines printed.</summary>
    public string[] AssertReport(int exitCode)
    {
        Assert.True(exitCode == ExitCode, $"expected exit code {exitCode}, got {ExitCode}; stdout: {Stdout}; stderr: {Stderr}");
        Assert.Equal("", Stderr);
        return OutLines;
    }

    /// <summary>Asserts exit code 0 and nothing on stderr; returns each stdout line parsed as JSON.</summary>
    public System.Text.Json.JsonElement[] AssertJsonLines()
    {
        Assert.True(ExitCode == 0, $"expected exit code 0, got {ExitCode}; stdout: {Stdout}; stderr: {Stderr}");
        Assert.Equal("", Stderr);
        return OutLines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.Clone()).ToArray();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
