namespace Jobs.Cli;

/// <summary>
/// An error the CLI reports as one line on stderr (<c>jobs: error: ...</c>) and ends the run with
/// <see cref="ExitCode"/>. Commands throw it; <see cref="Cli.RunAsync"/> catches it.
/// </summary>
internal sealed class CliException : Exception
{
    private CliException(string message, int exitCode, Exception? innerException)
        : base(message, innerException) => ExitCode = exitCode;

    /// <summary>The process exit code: <see cref="ExitCodes.Usage"/> or <see cref="ExitCodes.Failure"/>.</summary>
    public int ExitCode { get; }

    /// <summary>A mistake in the command line or the configuration (exit code 2).</summary>
    public static CliException Usage(string message, Exception? innerException = null) => new(message, ExitCodes.Usage, innerException);

    /// <summary>A failure while doing the work (exit code 1).</summary>
    public static CliException Failure(string message, Exception? innerException = null) => new(message, ExitCodes.Failure, innerException);
}
