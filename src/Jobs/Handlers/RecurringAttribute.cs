namespace Jobs;

/// <summary>
/// Runs the <see cref="JobTaskAttribute"/> handler it marks on a schedule: the generated
/// <c>Add&lt;Assembly&gt;JobHandlers()</c> registers a <see cref="RecurringJob"/> that the scheduler
/// (<c>services.AddJobsScheduler()</c>) stores as a keyed scheduled_jobs row. The task's queue,
/// priority and max attempts on <see cref="JobTaskAttribute"/> apply to the scheduled jobs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RecurringAttribute : Attribute
{
    /// <summary>Runs the task on <paramref name="cron"/>: five fields, or six with seconds first.</summary>
    public RecurringAttribute(string cron) => Cron = cron;

    /// <summary>The cron expression; checked at compile time (JOBS013).</summary>
    public string Cron { get; }

    /// <summary>The row's key; default <c>recurring:</c> plus the task name.</summary>
    public string? Key { get; set; }

    /// <summary>The zone the cron fields are read in (IANA id such as <c>Europe/Berlin</c>); default UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The payload of every job as JSON text; default <c>{}</c>. Checked at compile time (JOBS014).</summary>
    public string? Payload { get; set; }
}
