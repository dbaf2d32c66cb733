using Jobs.Schema;

namespace Jobs;

/// <summary>Where the history of completed jobs lives: a schema of its own beside the jobs schema.</summary>
public static class JobHistorySchema
{
    /// <summary>Appended to the jobs schema's name: app_jobs keeps its history in app_jobs_history.</summary>
    public const string Suffix = "_history";

    /// <summary>Whether <paramref name="jobs"/> can have a history: its name with the suffix fits PostgreSQL's 63 characters.</summary>
    public static bool CanHave(SchemaName jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.Value.Length + Suffix.Length <= 63;
    }

    /// <summary>The history schema of <paramref name="jobs"/>.</summary>
    /// <exception cref="ArgumentException">The jobs schema's name is too long to take the suffix within PostgreSQL's 63 characters.</exception>
    public static SchemaName For(SchemaName jobs)
    {
        if (!CanHave(jobs))
        {
            throw new ArgumentException(
                $"The jobs schema '{jobs.Value}' is too long to have a history: its history schema would be '{jobs.Value}{Suffix}', over PostgreSQL's 63 characters. Use a schema name of at most {63 - Suffix.Length} characters.",
                nameof(jobs));
        }
        return new SchemaName(jobs.Value + Suffix);
    }
}
