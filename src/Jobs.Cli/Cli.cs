using System.Collections;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Jobs.Cli.Parsing;
using Jobs.Schema;

namespace Jobs.Cli;

/// <summary>
/// The <c>jobs</c> tool, callable in-process: <see cref="RunAsync"/> takes the arguments, the output
/// streams and the environment explicitly and returns the exit code, so tests run it without
/// spawning a process or touching the process's environment.
/// </summary>
public static class Cli
{
    /// <summary>
    /// Runs <c>jobs</c> with <paramref name="args"/>. Results go to <paramref name="stdout"/>; every
    /// error is one line on <paramref name="stderr"/> starting with <c>jobs: error: </c>, never a
    /// stack trace. Nothing is read from stdin and no output is a terminal: a command that would
    /// ask for confirmation refuses instead, and no colour is used.
    /// </summary>
    /// <param name="args">The arguments after the tool's name: <c>migrate --check</c>.</param>
    /// <param name="stdout">Where results and help go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="environment">The environment variables the commands may read (JOBS_DATABASE_URL, PG*, NO_COLOR).</param>
    /// <param name="cancellationToken">Cancels the running command; the run then exits with 130.</param>
    /// <returns>0 on success; 1 on a runtime failure or a failed check; 2 on a usage error; 3 when <c>migrate --check</c> advises action; 130 when cancelled.</returns>
    public static Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter stdout,
        TextWriter stderr,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(environment);
        return RunInContextAsync(args, new CliContext(stdout, stderr, TextReader.Null, InputIsTerminal: false, OutputIsTerminal: false, environment), cancellationToken);
    }

    /// <summary>Runs <c>jobs</c> with <paramref name="args"/> in <paramref name="context"/>: its streams, terminals and environment.</summary>
    internal static async Task<int> RunInContextAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        try
        {
            return await DispatchAsync(args, context, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await WriteErrorAsync(context.Error, ex.Message).ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await WriteErrorAsync(context.Error, "cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The tool's last line of defence: an operator gets one line, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await WriteErrorAsync(context.Error, $"unexpected {ex.GetType().Name}: {ErrorText.Describe(ex)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>A snapshot of this process's environment variables, for <see cref="RunAsync"/>.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string?>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }
        return variables;
    }

    /// <summary>The tool's version as <c>jobs --version</c> prints it: <c>jobs 0.1.0 (app_jobs schema version 1)</c>.</summary>
    public static string VersionLine
    {
        get
        {
            var version = typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(Cli).Assembly.GetName().Version?.ToString()
                ?? "0.0.0";
            // The SDK appends "+<commit>"; the release number is what an operator compares.
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return $"jobs {(plus > 0 ? version[..plus] : version)} ({SchemaName.Default} schema version {Migrations.LatestVersion})";
        }
    }

    private static async Task<int> DispatchAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            // Errors become one line in RunAsync, and Program handles Ctrl+C itself.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        var root = CommandTree.Build(context, invocation);
        // No response files: '@path' is how --payload names a file, and an argument should never
        // silently become the contents of a file.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Action is ParseErrorAction)
        {
            throw CliException.Usage(UsageErrors.Describe(parseResult, args));
        }
        return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(TextWriter stderr, string message) =>
        stderr.WriteLineAsync(ErrorText.Prefix + ErrorText.OneLine(message));
}
