using Jobs;

// Usage: Jobs.TestWorker <connection string> <worker id> [local queue size]
// Runs task "hang": prints "started <job id>" and never finishes, until the process is killed.
var dataSource = JobsDataSource.Create(args[0]);
var options = new JobsWorkerOptions { WorkerId = args[1], Concurrency = 1 };
if (args.Length > 2)
{
    options.LocalQueueSize = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
}
var worker = new JobsWorker(dataSource, [new HangingDispatcher()], options);
await worker.RunAsync(CancellationToken.None);

internal sealed class HangingDispatcher : IJobDispatcher
{
    public IReadOnlyList<JobTaskDescriptor> Tasks { get; } = [new JobTaskDescriptor("hang")];

    public async ValueTask DispatchAsync(JobContext context, CancellationToken cancellationToken)
    {
        Console.WriteLine($"started {context.Id}");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
