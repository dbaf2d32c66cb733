using Jobs.Schema;

namespace Jobs;

/// <summary>Settings shared by the client, the admin API and the worker.</summary>
public sealed class JobsClientOptions
{
    /// <summary>The schema holding the job tables; default <c>app_jobs</c>.</summary>
    public string Schema { get; set; } = SchemaName.Default.Value;

    /// <summary>The tenant id jobs are enqueued for when <see cref="EnqueueOptions.DatabaseId"/> is not given.</summary>
    public Guid? DatabaseId { get; set; }
}
