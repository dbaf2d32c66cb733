using System.Collections;
using System.Reflection;
using Jobs.Schema;

namespace Jobs.Cli;

/// <summary>
/// The <c>jobs</c> tool, callable in-process: <see cref="RunAsync"/> takes the arguments, the output
/// streams and the environment explicitly and returns the exit code, so tests run it without
/// spawning a process or touching the process's environment.
/// </summary>
public static class Cli
{
    private static readonly ICommand[] Commands = [new MigrateCommand(), new GrantsCommand()];

    /// <summary>
    /// Runs <c>jobs</c> with <paramref name="args"/>. Results go to <paramref name="stdout"/>; every
    /// error is one line on <paramref name="stderr"/> starting with <c>jobs: error: </c>, never a
    /// stack trace.
    /// </summary>
    /// <param name="args">The arguments after the tool's name: <c>migrate --check</c>.</param>
    /// <param name="stdout">Where results and help go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="environment">The environment variables the commands may read (JOBS_DATABASE_URL, PG*).</param>
    /// <param name="cancellationToken">Cancels the running command; the run then exits with 130.</param>
    /// <returns>0 on success; 1 on a runtime failure or a failed check; 2 on a usage error; 130 when cancelled.</returns>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter stdout,
        TextWriter stderr,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(environment);

        try
        {
            return await DispatchAsync(args, new CliContext(stdout, stderr, environment), cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await WriteErrorAsync(stderr, ex.Message).ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await WriteErrorAsync(stderr, "cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The tool's last line of defence: an operator gets one line, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await WriteErrorAsync(stderr, $"unexpected {ex.GetType().Name}: {ErrorText.Describe(ex)}").ConfigureAwait(false);
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
        if (args.Count == 0)
        {
            throw CliException.Usage("no command given; run 'jobs --help' for the list of commands");
        }

        var first = args[0];
        if (CommandLine.HelpOptions.Contains(first, StringComparer.Ordinal))
        {
            await context.Out.WriteAsync(HelpText.ForTool(Commands)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        if (first == "--version")
        {
            await context.Out.WriteLineAsync(VersionLine).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        if (first == "help")
        {
            // "jobs help" and "jobs help migrate", as git and dotnet accept them.
            if (args.Count == 1)
            {
                await context.Out.WriteAsync(HelpText.ForTool(Commands)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await context.Out.WriteAsync(HelpText.ForCommand(Find(args[1]))).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        if (first.StartsWith('-'))
        {
            throw CliException.Usage($"unknown option '{first}'; options go after the command, as in 'jobs migrate --connection ...'; run 'jobs --help' for usage");
        }

        var command = Find(first);
        var commandLine = CommandLine.Parse(command.Name, args.Skip(1).ToArray(), command.Options);
        if (commandLine.HelpRequested)
        {
            await context.Out.WriteAsync(HelpText.ForCommand(command)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        return await command.RunAsync(commandLine, context, cancellationToken).ConfigureAwait(false);
    }

    private static ICommand Find(string name) =>
        Commands.FirstOrDefault(c => c.Name == name)
        ?? throw CliException.Usage($"unknown command '{name}'; the commands are: {string.Join(", ", Commands.Select(c => c.Name))}; run 'jobs --help' for usage");

    private static Task WriteErrorAsync(TextWriter stderr, string message) =>
        stderr.WriteLineAsync(ErrorText.Prefix + ErrorText.OneLine(message));
}
