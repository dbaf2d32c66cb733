using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Testing.EnqueuedJobMatcher;

namespace Jobs.Testing;

// Assertions about what was enqueued, with the payload read as the task's handler reads it.
public sealed partial class JobsTestHarness
{
    private const string WhereToRegister = "register your handlers in the harness's services (the generated services.Add…JobHandlers())";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Asserts that a job whose payload is a <typeparamref name="TPayload"/> (of any task whose
    /// registered handler takes that type) is in the table, matching <paramref name="match"/> and
    /// <paramref name="filter"/>; returns the oldest such job. With <paramref name="within"/>, waits
    /// that long for one to appear (for code that enqueues in the background).
    /// </summary>
    /// <exception cref="JobAssertionException">None matched; the message lists the jobs that were enqueued.</exception>
    /// <exception cref="InvalidOperationException">No registered handler takes <typeparamref name="TPayload"/>.</exception>
    public async Task<EnqueuedJob<TPayload>> AssertEnqueuedAsync<TPayload>(Func<TPayload, bool>? match = null, EnqueuedJobFilter? filter = null,
        TimeSpan? within = null, CancellationToken cancellationToken = default)
    {
        var tasks = TasksTaking<TPayload>(_services.GetServices<IJobDispatcher>(), WhereToRegister);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var jobs = await GetJobsAsync(cancellationToken).ConfigureAwait(false);
            var found = Find(tasks, jobs, match, filter);
            if (found.Count > 0)
            {
                return found[0];
            }
            if (within is not { } wait || deadline.Elapsed >= wait)
            {
                throw new JobAssertionException(NotFound(tasks, match, filter, within, jobs));
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asserts that no job whose payload is a <typeparamref name="TPayload"/> matching <paramref name="match"/> and <paramref name="filter"/> is in the table.</summary>
    /// <exception cref="JobAssertionException">One or more matched; the message lists them.</exception>
    /// <exception cref="InvalidOperationException">No registered handler takes <typeparamref name="TPayload"/>.</exception>
    public async Task AssertNotEnqueuedAsync<TPayload>(Func<TPayload, bool>? match = null, EnqueuedJobFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var tasks = TasksTaking<TPayload>(_services.GetServices<IJobDispatcher>(), WhereToRegister);
        var found = Find(tasks, await GetJobsAsync(cancellationToken).ConfigureAwait(false), match, filter);
        if (found.Count > 0)
        {
            throw new JobAssertionException(Unexpected(tasks, match, filter, found));
        }
    }

    /// <summary>Asserts that exactly <paramref name="expected"/> jobs whose payload is a <typeparamref name="TPayload"/> match; returns them, oldest first.</summary>
    /// <exception cref="JobAssertionException">Another number matched; the message lists the jobs that were enqueued.</exception>
    /// <exception cref="InvalidOperationException">No registered handler takes <typeparamref name="TPayload"/>.</exception>
    public async Task<IReadOnlyList<EnqueuedJob<TPayload>>> AssertEnqueuedCountAsync<TPayload>(int expected, Func<TPayload, bool>? match = null, EnqueuedJobFilter? filter = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        var tasks = TasksTaking<TPayload>(_services.GetServices<IJobDispatcher>(), WhereToRegister);
        var jobs = await GetJobsAsync(cancellationToken).ConfigureAwait(false);
        var found = Find(tasks, jobs, match, filter);
        if (found.Count != expected)
        {
            throw new JobAssertionException(WrongCount(tasks, match, filter, expected, found.Count, jobs));
        }
        return found;
    }
}
