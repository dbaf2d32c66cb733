using System.Diagnostics;
using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Runtime;

/// <summary>A worker process killed with SIGKILL mid-job: nothing runs its shutdown, and the job must not be lost.</summary>
public abstract class KilledWorkerTests(SchemaDatabase database) : RuntimeTest(database)
{
    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task The_job_of_a_killed_worker_is_taken_again_after_expiry(FetchStrategy strategy)
    {
        var job = await Client.EnqueueAsync("hang", default, new EnqueueOptions { Queue = "killed-queue" });
        var victimId = "victim-" + Guid.NewGuid().ToString("N")[..8];

        using (var victim = StartTestWorker(Database.ConnectionString, victimId))
        {
            var line = await victim.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal($"started {job.Id}", line);
            victim.Kill(entireProcessTree: true);
            await victim.WaitForExitAsync();
        }
        var orphan = (await Admin.GetAsync(job.Id))!;
        Assert.Equal((victimId, 1), (orphan.LockedBy, orphan.Attempts));

        var dispatcher = new TestDispatcher().Handle("hang", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));
        var options = new JobsWorkerOptions { FetchStrategy = strategy, JobExpiry = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(100) };
        await using (new WorkerRun(Database.ConnectionString, dispatcher, options))
        {
            await WaitForNoJobsAsync();
        }

        Assert.Equal(2, await ScalarAsync<int>("SELECT attempt FROM public.executions WHERE job_id = $1", job.Id));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.job_queues WHERE locked_by IS NOT NULL"));
    }

    private static Process StartTestWorker(string connectionString, string workerId)
    {
        // tests/Jobs.Tests/bin/<configuration>/net10.0/ → tests/Jobs.TestWorker/bin/<configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var dll = Path.Combine(output.Parent!.Parent!.Parent!.Parent!.FullName, "Jobs.TestWorker", "bin", configuration, output.Name, "Jobs.TestWorker.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(workerId);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start " + dll);
    }
}

public sealed class KilledWorkerTestsOnInstaller(InstallerDatabase database) : KilledWorkerTests(database), IClassFixture<InstallerDatabase>;

public sealed class KilledWorkerTestsOnPgpm(PgpmDatabase database) : KilledWorkerTests(database), IClassFixture<PgpmDatabase>;
