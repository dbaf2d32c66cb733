namespace Jobs.Cli.Input;

/// <summary>
/// Asks a person to confirm a change to many jobs, on stderr, reading the answer from stdin. Where
/// nobody can answer (stdin is not a terminal: a script, a pipe, CI) it refuses at once with a
/// usage error naming --yes, rather than wait for an answer that never comes.
/// </summary>
internal static class Confirmation
{
    /// <exception cref="CliException">No terminal to ask on (exit 2), or the answer was not yes (exit 1).</exception>
    public static async Task RequireAsync(CliContext context, string question, CancellationToken cancellationToken)
    {
        if (!context.InputIsTerminal)
        {
            throw CliException.Usage($"{question}: pass --yes to confirm (stdin is not a terminal, so there is no one to ask)");
        }
        await context.Error.WriteAsync($"{question}? [y/N] ").ConfigureAwait(false);
        await context.Error.FlushAsync(cancellationToken).ConfigureAwait(false);
        var answer = (await context.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        if (answer is not ("y" or "Y" or "yes" or "YES" or "Yes"))
        {
            throw CliException.Failure("not confirmed; nothing was changed");
        }
    }
}
