namespace Jobs.Tests.Infrastructure;

/// <summary>A hand-written dispatcher for runtime tests: one delegate per task.</summary>
public sealed class TestDispatcher : IJobDispatcher
{
    private readonly Dictionary<string, Func<JobContext, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly List<JobTaskDescriptor> _tasks = [];

    public IReadOnlyList<JobTaskDescriptor> Tasks => _tasks;

    public TestDispatcher Handle(string task, Func<JobContext, CancellationToken, Task> handler, TimeSpan? timeout = null)
    {
        _handlers[task] = handler;
        _tasks.Add(new JobTaskDescriptor(task, timeout));
        return this;
    }

    public async ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken) =>
        await _handlers[context.TaskIdentifier](context, cancellationToken);
}
