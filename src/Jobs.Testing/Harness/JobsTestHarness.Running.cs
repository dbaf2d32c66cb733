using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Testing;

// Running jobs through the real worker pipeline, one at a time, and moving time.
public sealed partial class JobsTestHarness
{
    /// <summary>
    /// Runs <paramref name="job"/> now, whatever its run_at, through the real worker pipeline
    /// (<see cref="JobsWorker.WorkAsync"/>): a DI scope from the harness's services, the generated
    /// payload reader, the handler, its time limit and error handling, the outcome written.
    /// Returns how it ended and the row after (null once completed). A failing handler does not
    /// throw here: the result says how it failed, and the row holds its retry state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The job cannot run now (locked, out of attempts, its queue held), or no registered handler takes its task.</exception>
    public Task<JobWorkResult> WorkAsync(JobRow job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return WorkAsync(job.Id, cancellationToken);
    }

    /// <inheritdoc cref="WorkAsync(JobRow, CancellationToken)"/>
    public Task<JobWorkResult> WorkAsync(long jobId, CancellationToken cancellationToken = default) =>
        CreateWorker().WorkAsync(jobId, cancellationToken);

    /// <summary>
    /// Runs due jobs one at a time, in the order workers take them (priority, run_at, id), until none
    /// is left: each job at most once per drain, so a failing job is not retried here.
    /// </summary>
    /// <param name="queue">Only this named queue's jobs; null for all.</param>
    /// <param name="includeScheduled">Also jobs due later (and failed jobs waiting for their retry).</param>
    /// <param name="recursive">Also jobs the handlers enqueue meanwhile (default); false runs only the jobs there at the start.</param>
    /// <param name="maxJobs">A bound on the runs: a handler that enqueues itself for ever makes the drain fail instead of hanging.</param>
    /// <param name="throwOnFailure">Throw when a job failed (default), listing the failures; false returns them in the result.</param>
    /// <param name="cancellationToken">Stops the drain.</param>
    /// <exception cref="JobAssertionException">A job failed (unless <paramref name="throwOnFailure"/> is false), or jobs were still due after <paramref name="maxJobs"/> runs.</exception>
    public async Task<DrainResult> DrainAsync(string? queue = null, bool includeScheduled = false, bool recursive = true, int maxJobs = 1000,
        bool throwOnFailure = true, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobs, 1);
        var worker = CreateWorker();
        var handled = HandledTasks();
        var ran = new HashSet<long>();
        HashSet<long>? atStart = recursive ? null : (await GetJobsAsync(cancellationToken).ConfigureAwait(false)).Select(j => j.Id).ToHashSet();
        var runs = new List<JobWorkResult>();
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var next = (await GetJobsAsync(cancellationToken).ConfigureAwait(false))
                .Where(j => j.LockedBy is null && j.Attempts < j.MaxAttempts && handled.Contains(j.TaskIdentifier)
                    && (includeScheduled || j.RunAt <= now) && (queue is null || j.QueueName == queue)
                    && !ran.Contains(j.Id) && (atStart is null || atStart.Contains(j.Id)))
                .OrderBy(j => j.Priority).ThenBy(j => j.RunAt).ThenBy(j => j.Id)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }
            if (runs.Count == maxJobs)
            {
                throw new JobAssertionException(
                    $"The drain ran {maxJobs} jobs (maxJobs) and job {next.Id} ({next.TaskIdentifier}) was still due: does a handler enqueue jobs for ever?");
            }
            ran.Add(next.Id);
            runs.Add(await worker.WorkAsync(next.Id, cancellationToken).ConfigureAwait(false));
        }
        var result = new DrainResult(runs);
        if (throwOnFailure && result.Failures.Count > 0)
        {
            var message = new StringBuilder($"The drain ran {runs.Count} job(s) and {result.Failures.Count} failed:");
            foreach (var failure in result.Failures)
            {
                var error = failure.Error ?? "";
                var firstLine = error.Split('\n', 2)[0].TrimEnd('\r');
                message.Append($"\n  #{failure.Job.Id} {failure.Job.TaskIdentifier} attempt {failure.Job.Attempts} of {failure.Job.MaxAttempts}: {firstLine}");
            }
            throw new JobAssertionException(message.ToString());
        }
        return result;
    }

    /// <summary>
    /// Moves time forward by <paramref name="by"/>: the harness's clock (<see cref="Time"/>, which
    /// its workers read) advances, and every job's run_at moves back by as much, so a job due in
    /// five minutes is due now. The database's own clock cannot be moved: the jobs are moved instead.
    /// </summary>
    public async Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        await using (var command = _dataSource.CreateCommand("UPDATE app_jobs.jobs SET run_at = run_at - $1"))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter<TimeSpan> { TypedValue = by });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        Time.Advance(by);
    }

    private JobsWorker CreateWorker() => new(_dataSource, _services.GetServices<IJobDispatcher>(),
        new JobsWorkerOptions { UseListenNotify = false }, scopeFactory: _services.GetRequiredService<IServiceScopeFactory>(), timeProvider: Time);

    private HashSet<string> HandledTasks() =>
        _services.GetServices<IJobDispatcher>().SelectMany(d => d.Tasks).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
}
