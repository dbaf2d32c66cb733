using Jobs.Schema;

namespace Jobs;

/// <summary>Settings shared by the client, the admin API and the worker.</summary>
public sealed class JobsClientOptions
{
    /// <summary>The schema holding the job tables; default <c>app_jobs</c>.</summary>
    public string Schema { get; set; } = SchemaName.Default.Value;

    /// <summary>The tenant id jobs are enqueued for when <see cref="EnqueueOptions.DatabaseId"/> is not given.</summary>
    public Guid? DatabaseId { get; set; }

    /// <summary>
    /// Who jobs are done for when <see cref="EnqueueOptions.Attribution"/> does not say, on a schema
    /// whose add_job takes attribution (0.47); ignored on schemas without it. Null values are left
    /// to add_job's defaults, the transaction's <c>jwt.claims.*</c> settings.
    /// </summary>
    public JobAttribution? Attribution { get; set; }

    /// <summary>
    /// How many levels of nested objects and arrays a payload may have (<c>{}</c> is one); default
    /// <see cref="JobLimits.DefaultPayloadDepth"/> (1,000), at most <see cref="JobLimits.MaxPayloadDepthCeiling"/>
    /// (10,000). PostgreSQL's json type has no fixed limit of its own, only its stack: about 13,000
    /// levels at the default <c>max_stack_depth</c>. A deeper payload is refused with an
    /// <see cref="ArgumentException"/> before it is sent. The generated payload readers read up to
    /// the ceiling, so a worker reads whatever a client accepted.
    /// </summary>
    public int MaxPayloadDepth { get; set; } = JobLimits.DefaultPayloadDepth;
}
