namespace Jobs.Dashboard.Enqueueing;

/// <summary>
/// What the Enqueue page enqueues through: the app's <see cref="JobsClient"/>, and the tasks the
/// app itself handles, whose generated payload readers check a payload before it is stored.
/// </summary>
internal sealed class DashboardEnqueuer(JobsClient client, IEnumerable<IJobDispatcher> dispatchers)
{
    private readonly Dictionary<string, JobTaskDescriptor> _tasks = dispatchers
        .SelectMany(dispatcher => dispatcher.Tasks)
        .GroupBy(task => task.Name, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);

    public JobsClient Client { get; } = client;

    /// <summary>The tasks this app handles, by name.</summary>
    public IEnumerable<string> KnownTasks => _tasks.Keys.Order(StringComparer.Ordinal);

    /// <summary>The JSON Schema of <paramref name="task"/>'s payload, when the app handles the task and its dispatcher says (the generated ones do).</summary>
    public string? SchemaOf(string task) => _tasks.TryGetValue(task, out var descriptor) ? descriptor.PayloadSchema : null;

    /// <summary>The check of <paramref name="task"/>'s payload reader, when the app handles the task and its dispatcher offers one.</summary>
    public JobPayloadRead<object?>? CheckFor(string task) => _tasks.TryGetValue(task, out var descriptor) ? descriptor.ReadPayload : null;
}
