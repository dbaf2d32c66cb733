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
    public static bool CanHave(SchemaName jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.Value.Length + Suffix.Length <= 63;
    }

    /// <summary>The trace schema of <paramref name="jobs"/>.</summary>
    /// <exception cref="ArgumentException">The jobs schema's name is too long to take the suffix within PostgreSQL's 63 characters.</exception>
    public static SchemaName For(SchemaName jobs)
    {
        if (!CanHave(jobs))
        {
            throw new ArgumentException(
                $"The jobs schema '{jobs.Value}' is too long to have a trace schema: it would be '{jobs.Value}{Suffix}', over PostgreSQL's 63 characters. Use a schema name of at most {63 - Suffix.Length} characters.",
                nameof(jobs));
        }
        return new SchemaName(jobs.Value + Suffix);
    }
}
