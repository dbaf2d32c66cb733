namespace Jobs.Cli;

/// <summary>The process exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked, or found what was hoped for.</summary>
    public const int Success = 0;

    /// <summary>A runtime failure (unreachable server, refused login, SQL error), or a check that found work to do.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the configuration is wrong: unknown option, bad schema name, no connection.</summary>
    public const int Usage = 2;

    /// <summary>
    /// <c>migrate --check</c>: the schema is usable, but action is advised: it lacks indexes the framework
    /// relies on, or has SECURITY DEFINER functions without a pinned search_path (the SQL is printed).
    /// </summary>
    public const int ActionAdvised = 3;

    /// <summary>The run was cancelled with Ctrl+C; 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
