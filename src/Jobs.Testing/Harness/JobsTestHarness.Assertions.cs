using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Testing;

// Assertions about what was enqueued, with the payload read as the task's handler reads it.
public sealed partial class JobsTestHarness
{
    private const int ListedInMessage = 20;
    private const int PayloadInMessage = 120;
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
        var tasks = TasksTaking<TPayload>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (found, jobs) = await FindAsync(tasks, match, filter, cancellationToken).ConfigureAwait(false);
            if (found.Count > 0)
            {
                return found[0];
            }
            if (within is not { } wait || deadline.Elapsed >= wait)
            {
                throw new JobAssertionException(
                    $"Expected a job of {Describe<TPayload>(tasks)}{Conditions(match, filter)}{(within is { } w ? $" within {w.TotalSeconds:0.###} s" : "")}, "
                    + $"but none was enqueued. {Listing(jobs)}");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asserts that no job whose payload is a <typeparamref name="TPayload"/> matching <paramref name="match"/> and <paramref name="filter"/> is in the table.</summary>
    /// <exception cref="JobAssertionException">One or more matched; the message lists them.</exception>
    /// <exception cref="InvalidOperationException">No registered handler takes <typeparamref name="TPayload"/>.</exception>
    public async Task AssertNotEnqueuedAsync<TPayload>(Func<TPayload, bool>? match = null, EnqueuedJobFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var tasks = TasksTaking<TPayload>();
        var (found, _) = await FindAsync(tasks, match, filter, cancellationToken).ConfigureAwait(false);
        if (found.Count > 0)
        {
            throw new JobAssertionException(
                $"Expected no job of {Describe<TPayload>(tasks)}{Conditions(match, filter)}, but {found.Count} {(found.Count == 1 ? "was" : "were")} enqueued. "
                + Listing(found.Select(f => f.Row).ToList(), "They are"));
        }
    }

    /// <summary>Asserts that exactly <paramref name="expected"/> jobs whose payload is a <typeparamref name="TPayload"/> match; returns them, oldest first.</summary>
    /// <exception cref="JobAssertionException">Another number matched; the message lists the jobs that were enqueued.</exception>
    /// <exception cref="InvalidOperationException">No registered handler takes <typeparamref name="TPayload"/>.</exception>
    public async Task<IReadOnlyList<EnqueuedJob<TPayload>>> AssertEnqueuedCountAsync<TPayload>(int expected, Func<TPayload, bool>? match = null, EnqueuedJobFilter? filter = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        var tasks = TasksTaking<TPayload>();
        var (found, jobs) = await FindAsync(tasks, match, filter, cancellationToken).ConfigureAwait(false);
        if (found.Count != expected)
        {
            throw new JobAssertionException(
                $"Expected {expected} job(s) of {Describe<TPayload>(tasks)}{Conditions(match, filter)}, but {found.Count} matched. {Listing(jobs)}");
        }
        return found;
    }

    /// <summary>The tasks whose registered handler takes <typeparamref name="TPayload"/>, by the generated dispatchers' descriptors.</summary>
    private Dictionary<string, JobTaskDescriptor> TasksTaking<TPayload>()
    {
        var tasks = _services.GetServices<IJobDispatcher>()
            .SelectMany(dispatcher => dispatcher.Tasks)
            .Where(task => task.PayloadType == typeof(TPayload) && task.ReadPayload is not null)
            .GroupBy(task => task.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        if (tasks.Count == 0)
        {
            throw new InvalidOperationException(
                $"No registered job handler takes a {typeof(TPayload).Name}: register your handlers in the harness's services (the generated services.Add…JobHandlers()).");
        }
        return tasks;
    }

    private async Task<(List<EnqueuedJob<TPayload>> Found, IReadOnlyList<JobRow> Jobs)> FindAsync<TPayload>(
        Dictionary<string, JobTaskDescriptor> tasks, Func<TPayload, bool>? match, EnqueuedJobFilter? filter, CancellationToken cancellationToken)
    {
        var jobs = await GetJobsAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<EnqueuedJob<TPayload>>();
        foreach (var job in jobs)
        {
            if (!tasks.TryGetValue(job.TaskIdentifier, out var task) || filter?.Matches(job) == false)
            {
                continue;
            }
            TPayload payload;
            try
            {
                payload = (TPayload)task.ReadPayload!(job.PayloadUtf8.Span)!;
            }
            catch (JobPayloadException)
            {
                // Stored, but not a payload its handler could take: it matches nothing (and is listed).
                continue;
            }
            if (match is null || match(payload))
            {
                found.Add(new EnqueuedJob<TPayload>(job, payload));
            }
        }
        return (found, jobs);
    }

    private static string Describe<TPayload>(Dictionary<string, JobTaskDescriptor> tasks) =>
        $"{string.Join(" or ", tasks.Keys.Order(StringComparer.Ordinal))} ({typeof(TPayload).Name})";

    private static string Conditions<TPayload>(Func<TPayload, bool>? match, EnqueuedJobFilter? filter)
    {
        var parts = new List<string>();
        if (match is not null)
        {
            parts.Add("matching the predicate");
        }
        if (filter?.Describe() is { Length: > 0 } described)
        {
            parts.Add("with " + described);
        }
        return parts.Count == 0 ? "" : " " + string.Join(", ", parts);
    }

    /// <summary>The jobs, one a line, shortened: what a failed assertion shows instead of what it wanted.</summary>
    private static string Listing(IReadOnlyList<JobRow> jobs, string lead = "Enqueued")
    {
        if (jobs.Count == 0)
        {
            return "No job was enqueued at all.";
        }
        var text = new StringBuilder($"{lead} ({jobs.Count}{(jobs.Count > ListedInMessage ? $", the first {ListedInMessage}" : "")}):");
        foreach (var job in jobs.Take(ListedInMessage))
        {
            text.Append($"\n  #{job.Id} {job.TaskIdentifier}");
            if (job.QueueName is { } queue)
            {
                text.Append($" queue={queue}");
            }
            if (job.Key is { } key)
            {
                text.Append($" key={key}");
            }
            if (job.Priority != 0)
            {
                text.Append($" priority={job.Priority}");
            }
            text.Append($" run_at={job.RunAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ");
            var payload = job.Payload;
            text.Append(payload.Length <= PayloadInMessage ? payload : string.Concat(payload.AsSpan(0, PayloadInMessage - 1), "…"));
        }
        return text.ToString();
    }
}
