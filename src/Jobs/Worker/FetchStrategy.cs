namespace Jobs;

/// <summary>How a worker talks to app_jobs. Both have the same semantics; the compatibility suite proves it.</summary>
public enum FetchStrategy
{
    /// <summary>One statement fetches as many jobs as there are free slots; completions and failures are written in batches.</summary>
    Batched,

    /// <summary>The schema's own functions, one job per call: get_job, complete_job, fail_job.</summary>
    SchemaFunctions,
}
