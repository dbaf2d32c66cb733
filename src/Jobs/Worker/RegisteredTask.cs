namespace Jobs.Worker;

/// <summary>A task name with the dispatcher that runs it.</summary>
internal sealed record RegisteredTask(JobTaskDescriptor Descriptor, IJobDispatcher Dispatcher)
{
    /// <summary>Merges the dispatchers of every assembly, refusing a task name claimed twice.</summary>
    public static Dictionary<string, RegisteredTask> Merge(IEnumerable<IJobDispatcher> dispatchers)
    {
        var tasks = new Dictionary<string, RegisteredTask>(StringComparer.Ordinal);
        foreach (var dispatcher in dispatchers)
        {
            foreach (var descriptor in dispatcher.Tasks)
            {
                JobLimits.ValidateTask(descriptor.Name, nameof(dispatchers));
                if (tasks.TryGetValue(descriptor.Name, out var existing))
                {
                    throw new InvalidOperationException(
                        $"The task '{descriptor.Name}' has two handlers: {existing.Dispatcher.GetType().FullName} and {dispatcher.GetType().FullName}. Task names must be unique across assemblies.");
                }
                tasks[descriptor.Name] = new RegisteredTask(descriptor, dispatcher);
            }
        }
        if (tasks.Count == 0)
        {
            throw new ArgumentException("The worker has no tasks: register at least one job handler.", nameof(dispatchers));
        }
        return tasks;
    }
}
