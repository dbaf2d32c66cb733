using Jobs;
using Jobs.TestWorker;

// Usage: Jobs.TestWorker <connection string> <worker id> [local queue size]
//   Runs task "hang": prints "started <job id>" and never finishes, until the process is killed.
// Usage: Jobs.TestWorker chaos <connection string> <worker id> <Batched|SchemaFunctions> <journal file>
//   Runs task "chaos" for the chaos suite (ChaosDispatcher), until the process is killed.
if (args.Length > 0 && args[0] == "chaos")
{
    await using var chaosSource = JobsDataSource.Create(args[1]);
    using var journal = new ExecutionJournal(args[4]);
    var chaos = new JobsWorker(chaosSource, [new ChaosDispatcher(journal)], new JobsWorkerOptions
    {
        WorkerId = args[2],
        FetchStrategy = Enum.Parse<FetchStrategy>(args[3]),
        Concurrency = 4,
        JobExpiry = ChaosDispatcher.JobExpiry,
        PollInterval = TimeSpan.FromMilliseconds(200),
    });
    Console.WriteLine("running");
    await chaos.RunAsync(CancellationToken.None);
    return;
}

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
