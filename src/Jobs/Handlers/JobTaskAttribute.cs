namespace Jobs;

/// <summary>
/// Marks a class implementing <see cref="IJobHandler{TArgs}"/> as the handler of a task. The
/// source generator turns it into typed enqueue methods, a dispatch table entry, a payload
/// serializer for the argument type and a DI registration.
/// </summary>
/// <remarks>
/// The defaults below apply when the caller's <see cref="EnqueueOptions"/> leaves the matching
/// value null. Only the properties actually set on the attribute count as defaults.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class JobTaskAttribute : Attribute
{
    /// <summary>Marks the handler of the task <paramref name="name"/>.</summary>
    /// <param name="name">The task identifier stored in app_jobs.jobs (1 to 126 characters).</param>
    public JobTaskAttribute(string name) => Name = name;

    /// <summary>The task identifier stored in app_jobs.jobs.</summary>
    public string Name { get; }

    /// <summary>The named queue jobs of this task go to unless the caller names one.</summary>
    public string? Queue { get; set; }

    /// <summary>The priority (lower runs first) unless the caller gives one.</summary>
    public int Priority { get; set; }

    /// <summary>Attempts before the job is permanently failed, unless the caller gives a number.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>How long one run may take, in seconds, before it is cancelled and failed.</summary>
    public int TimeoutSeconds { get; set; }
}
