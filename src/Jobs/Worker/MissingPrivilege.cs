using Npgsql;

namespace Jobs.Worker;

/// <summary>
/// Recognises a database error that retrying cannot fix on its own: the role lacks a privilege
/// (SQLSTATE 42501, insufficient_privilege). Such a failure makes the worker unhealthy at once and
/// is logged as an error naming the privilege, instead of joining the quiet retries of a
/// dropped connection.
/// </summary>
internal static class MissingPrivilege
{
    public const string SqlState = PostgresErrorCodes.InsufficientPrivilege;

    /// <summary>The server's words for the missing privilege ("permission denied for table jobs"), or null for any other failure.</summary>
    public static string? In(Exception exception) => exception switch
    {
        PostgresException { SqlState: SqlState } postgres => postgres.MessageText,
        { InnerException: { } inner } => In(inner),
        _ => null,
    };
}
