using System.ComponentModel;

namespace Jobs;

/// <summary>Applies a task's <see cref="JobTaskAttribute"/> defaults to the options a caller gave.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JobTaskDefaults
{
    /// <summary>
    /// <paramref name="options"/> with each null value among queue, priority and max attempts
    /// replaced by the task's default, when it has one.
    /// </summary>
    public static EnqueueOptions? Apply(EnqueueOptions? options, string? queue, int? priority, int? maxAttempts)
    {
        var current = options ?? EnqueueOptions.Default;
        var takesQueue = current.Queue is null && queue is not null;
        var takesPriority = current.Priority is null && priority is not null;
        var takesMaxAttempts = current.MaxAttempts is null && maxAttempts is not null;
        if (!takesQueue && !takesPriority && !takesMaxAttempts)
        {
            return options;
        }
        return current with
        {
            Queue = current.Queue ?? queue,
            Priority = current.Priority ?? priority,
            MaxAttempts = current.MaxAttempts ?? maxAttempts,
        };
    }
}
