namespace Jobs.Schema;

/// <summary>A part of the framework that connects to PostgreSQL, each with its own minimum grants (<see cref="RoleGrants"/>).</summary>
public enum JobsComponent
{
    /// <summary><c>JobsClient</c>: enqueues jobs (add_job, and the set-wise insert of many keyless jobs).</summary>
    Client,

    /// <summary><c>JobsWorker</c>: fetches, completes, fails, renews, releases and rescues jobs, with either fetch strategy.</summary>
    Worker,

    /// <summary><c>JobsScheduler</c>: registers, claims and fires scheduled jobs.</summary>
    Scheduler,

    /// <summary><c>JobsAdmin</c>: lists, counts, retries, fails, reschedules, deletes and unlocks jobs.</summary>
    Admin,
}
