using Jobs.Schema;

namespace Jobs;

/// <summary>Where jobs' creation contexts live: a schema of its own beside the jobs schema (<see cref="TraceContextInstaller"/>).</summary>
public static class JobTraceSchema
{
    /// <summary>Appended to the jobs schema's name: app_jobs keeps its jobs' trace contexts in app_jobs_trace.</summary>
    public const string Suffix = "_trace";

    /// <summary>The table of creation contexts, one row per job.</summary>
    public const string Table = "job_contexts";

    /// <summary>Whether <paramref name="jobs"/> can have a trace schema: its name with the suffix fits PostgreSQL's 63 characters.</summary>
    public static bool CanHave(SchemaName jobs) => CompanionSchema.CanHave(jobs, Suffix);

    /// <summary>The trace schema of <paramref name="jobs"/>.</summary>
    /// <exception cref="ArgumentException">The jobs schema's name is too long to take the suffix within PostgreSQL's 63 characters.</exception>
    public static SchemaName For(SchemaName jobs) => CompanionSchema.For(jobs, Suffix, "a trace schema");
}
