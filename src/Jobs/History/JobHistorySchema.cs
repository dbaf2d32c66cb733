using Jobs.Schema;

namespace Jobs;

/// <summary>Where the history of completed jobs lives: a schema of its own beside the jobs schema.</summary>
public static class JobHistorySchema
{
    /// <summary>Appended to the jobs schema's name: app_jobs keeps its history in app_jobs_history.</summary>
    public const string Suffix = "_history";

    /// <summary>Whether <paramref name="jobs"/> can have a history: its name with the suffix fits PostgreSQL's 63 characters.</summary>
    public static bool CanHave(SchemaName jobs) => CompanionSchema.CanHave(jobs, Suffix);

    /// <summary>The history schema of <paramref name="jobs"/>.</summary>
    /// <exception cref="ArgumentException">The jobs schema's name is too long to take the suffix within PostgreSQL's 63 characters.</exception>
    public static SchemaName For(SchemaName jobs) => CompanionSchema.For(jobs, Suffix, "a history");
}
