using Npgsql;

namespace Jobs.Cli;

/// <summary>Turns exceptions into the one-line messages the CLI prints; never a stack trace.</summary>
internal static class ErrorText
{
    /// <summary>The prefix of every error line on stderr.</summary>
    public const string Prefix = "jobs: error: ";

    /// <summary>
    /// A short description of <paramref name="exception"/>: for a server error its message and
    /// SQLSTATE; for a client-side failure its messages down the inner-exception chain.
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => Describe(postgres),
        ArgumentException argument => WithoutParameterName(argument)
            + (argument.InnerException is FormatException format ? ": " + format.Message : ""),
        _ => string.Join(": ", Chain(exception).Select(e => e.Message).Where(m => m.Length > 0).Distinct()),
    };

    /// <summary>The innermost exception's message: for a failed connection, the actual cause ("Connection refused").</summary>
    public static string Cause(Exception exception) => exception is PostgresException postgres
        ? Describe(postgres)
        : Chain(exception).Last().Message;

    /// <summary>The longest error line printed, in characters; what is cut says how long it was.</summary>
    public const int MaxLineCharacters = 1_000;

    /// <summary>
    /// <paramref name="text"/> on one line, whatever line breaks it had, and at most
    /// <see cref="MaxLineCharacters"/> long: a message repeating a 100 KB argument is cut, ending
    /// <c>…(N characters)</c>.
    /// </summary>
    public static string OneLine(string text) =>
        Shorten(string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    // The runtime shortens the user input it echoes; this is the last guard for any message that
    // repeats an argument whole (an unknown option, a connection string).
    private static string Shorten(string line)
    {
        if (line.Length <= MaxLineCharacters)
        {
            return line;
        }
        var cut = char.IsHighSurrogate(line[MaxLineCharacters - 1]) ? MaxLineCharacters - 1 : MaxLineCharacters;
        return $"{line[..cut]}…({line.Length} characters)";
    }

    private static string Describe(PostgresException postgres)
    {
        var text = $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})";
        return string.IsNullOrEmpty(postgres.Hint) ? text : $"{text}; hint: {postgres.Hint}";
    }

    // ArgumentException appends " (Parameter 'x')" to its message; an operator has no use for it.
    private static string WithoutParameterName(ArgumentException argument)
    {
        var suffix = argument.ParamName is null ? null : $" (Parameter '{argument.ParamName}')";
        return suffix is not null && argument.Message.EndsWith(suffix, StringComparison.Ordinal)
            ? argument.Message[..^suffix.Length]
            : argument.Message;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
