using Jobs.Schema;

namespace Jobs;

/// <summary>Where <see cref="JobSqlFunctionInstaller"/> puts the functions, and which schema they enqueue into.</summary>
public sealed record JobSqlFunctionOptions
{
    /// <summary>The schema whose <c>add_job</c> the functions call (default <c>app_jobs</c>).</summary>
    public SchemaName JobsSchema { get; init; } = SchemaName.Default;

    /// <summary>The schema the functions are created in; null for <see cref="JobsSchema"/>. It must exist.</summary>
    public SchemaName? FunctionSchema { get; init; }
}
