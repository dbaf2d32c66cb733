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

    [Theory]
    [InlineData(FetchStrategy.Batched)]
    [InlineData(FetchStrategy.SchemaFunctions)]
    public async Task The_buffered_jobs_of_a_killed_worker_come_back_after_expiry(FetchStrategy strategy)
    {
        await Client.EnqueueManyAsync(Enumerable.Range(0, 8).Select(i => new JobRequest("hang", default, new EnqueueOptions { Queue = i % 2 == 0 ? "q" + i : null })));
        var victimId = "victim-" + Guid.NewGuid().ToString("N")[..8];

        using (var victim = StartTestWorker(Database.ConnectionString, victimId, localQueueSize: 5))
        {
            var line = await victim.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.StartsWith("started ", line, StringComparison.Ordinal);
            // One running, five fetched ahead: all six locked by a process about to die.
            await global::Jobs.Testing.Eventually.TrueAsync(
                async () => await ScalarAsync<long>("SELECT count(*) FROM app_jobs.jobs WHERE locked_by = $1", victimId) == 6,
                "the victim to hold one running and five buffered jobs");
            victim.Kill(entireProcessTree: true);
            await victim.WaitForExitAsync();
        }

        var dispatcher = new TestDispatcher().Handle("hang", (context, _) => RecordExecutionAsync(context, DateTimeOffset.UtcNow));
        var options = new JobsWorkerOptions { FetchStrategy = strategy, JobExpiry = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(100) };
        await using (new WorkerRun(Database.ConnectionString, dispatcher, options))
        {
            await WaitForNoJobsAsync();
        }

        Assert.Equal(8L, await ScalarAsync<long>("SELECT count(DISTINCT job_id) FROM public.executions"));
        Assert.Equal(8L, await ScalarAsync<long>("SELECT count(*) FROM public.executions"));
        // The victim's six ran at their second attempt (taken at fetch); the two it never took, at their first.
        Assert.Equal(6L, await ScalarAsync<long>("SELECT count(*) FROM public.executions WHERE attempt = 2"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM app_jobs.job_queues WHERE locked_by IS NOT NULL"));
    }

    private static Process StartTestWorker(string connectionString, string workerId, int? localQueueSize = null)
    {
        // tests/Jobs.Tests/bin/<configuration>/net10.0/ → tests/Jobs.TestWorker/bin/<configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var dll = Path.Combine(output.Parent!.Parent!.Parent!.Parent!.FullName, "Jobs.TestWorker", "bin", configuration, output.Name, "Jobs.TestWorker.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(workerId);
        if (localQueueSize is { } size)
        {
            start.ArgumentList.Add(size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start " + dll);
    }
}

public sealed class KilledWorkerTestsOnInstaller(InstallerDatabase database) : KilledWorkerTests(database), IClassFixture<InstallerDatabase>;

public sealed class KilledWorkerTestsOnPgpm(PgpmDatabase database) : KilledWorkerTests(database), IClassFixture<PgpmDatabase>;

public sealed class KilledWorkerTestsOnUpstream047(Upstream047Database database) : KilledWorkerTests(database), IClassFixture<Upstream047Database>;
