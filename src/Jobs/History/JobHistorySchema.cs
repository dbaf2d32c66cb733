using Jobs.Schema;

namespace Jobs;

/// <summary>Where the history of completed jobs lives: a schema of its own beside the jobs schema.</summary>
public static class JobHistorySchema
{
    /// <summary>Appended to the jobs schema's name: app_jobs keeps its history in app_jobs_history.</summary>
    public const string Suffix = "_history";

    /// <summary>The history schema of <paramref name="jobs"/>.</summary>
    /// <exception cref="ArgumentException">The jobs schema's name is too long to take the suffix within PostgreSQL's 63 characters.</exception>
    public static SchemaName For(SchemaName jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Value.Length + Suffix.Length > 63)
        {
            throw new ArgumentException(
                $"The jobs schema '{jobs.Value}' is too long to have a history: its history schema would be '{jobs.Value}{Suffix}', over PostgreSQL's 63 characters. Use a schema name of at most {63 - Suffix.Length} characters.",
                nameof(jobs));
        }
        return new SchemaName(jobs.Value + Suffix);
    }
}
