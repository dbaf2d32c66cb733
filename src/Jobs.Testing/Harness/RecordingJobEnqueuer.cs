using System.Text.Json;
using static Jobs.Testing.EnqueuedJobMatcher;

namespace Jobs.Testing;

/// <summary>
/// An <see cref="IJobEnqueuer"/> that keeps what it is given in memory: hand it to the code under
/// test instead of a <see cref="JobsClient"/> (the generated <c>Enqueue…Async</c> methods extend the
/// interface), then assert on what was enqueued, with payloads read by your handlers' generated
/// readers. No database. Each job gets an id (1, 2, ...), the options' queue, priority, key and
/// attempts (25 unless given), and a run_at from the options or the clock; a key given again
/// replaces the earlier job, as add_job does. Thread-safe.
/// </summary>
public sealed class RecordingJobEnqueuer : IJobEnqueuer
{
    private const string WhereToRegister = "pass the generated dispatcher of your handlers (new MyAppJobDispatcher()) to the RecordingJobEnqueuer";

    private readonly IJobDispatcher[] _dispatchers;
    private readonly TimeProvider _time;
    private readonly Guid _databaseId;
    private readonly List<JobRow> _jobs = [];
    private long _lastId;

    /// <summary>A recorder that reads payloads with <paramref name="dispatchers"/>' generated readers.</summary>
    /// <param name="dispatchers">The generated dispatchers of the handlers whose payloads the assertions read.</param>
    /// <param name="time">The clock run_at is computed from; the system clock when null.</param>
    /// <param name="databaseId">The database id the jobs get unless their options give one.</param>
    public RecordingJobEnqueuer(IEnumerable<IJobDispatcher> dispatchers, TimeProvider? time = null, Guid? databaseId = null)
    {
        ArgumentNullException.ThrowIfNull(dispatchers);
        _dispatchers = dispatchers.ToArray();
        _time = time ?? TimeProvider.System;
        _databaseId = databaseId ?? Guid.Empty;
    }

    /// <summary>A recorder that reads payloads with <paramref name="dispatchers"/>' generated readers, on the system clock.</summary>
    public RecordingJobEnqueuer(params IJobDispatcher[] dispatchers)
        : this((IEnumerable<IJobDispatcher>)dispatchers)
    {
    }

    /// <summary>What was enqueued so far, oldest first.</summary>
    public IReadOnlyList<JobRow> Enqueued
    {
        get
        {
            lock (_jobs)
            {
                return _jobs.ToArray();
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No task name, or a payload that is not JSON.</exception>
    public Task<JobRow> EnqueueAsync(JobRequest job, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Check(job, nameof(job));
        return Task.FromResult(Record(job));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A request has no task name or a payload that is not JSON; nothing is recorded then.</exception>
    public Task<IReadOnlyList<JobRow>> EnqueueManyAsync(IEnumerable<JobRequest> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        cancellationToken.ThrowIfCancellationRequested();
        var requests = jobs.ToArray();
        for (var i = 0; i < requests.Length; i++)
        {
            Check(requests[i], $"jobs[{i}]");
        }
        IReadOnlyList<JobRow> rows = requests.Select(Record).ToArray();
        return Task.FromResult(rows);
    }

    /// <summary>Forgets what was enqueued.</summary>
    public void Clear()
    {
        lock (_jobs)
        {
            _jobs.Clear();
        }
    }

    /// <summary>Asserts that a job whose payload is a <typeparamref name="TPayload"/> matching <paramref name="match"/> and <paramref name="filter"/> was enqueued; returns the oldest.</summary>
    /// <exception cref="JobAssertionException">None matched; the message lists what was enqueued.</exception>
    /// <exception cref="InvalidOperationException">No dispatcher given has a handler taking <typeparamref name="TPayload"/>.</exception>
    public EnqueuedJob<TPayload> AssertEnqueued<TPayload>(Func<TPayload, bool>? match = null, EnqueuedJobFilter? filter = null)
    {
        var tasks = TasksTaking<TPayload>(_dispatchers, WhereToRegister);
        var jobs = Enqueued;
        var found = Find(tasks, jobs, match, filter);
        return found.Count > 0 ? found[0] : throw new JobAssertionException(NotFound(tasks, match, filter, null, jobs));
    }

    /// <summary>Asserts that no job whose payload is a <typeparamref name="TPayload"/> matching <paramref name="match"/> and <paramref name="filter"/> was enqueued.</summary>
    /// <exception cref="JobAssertionException">One or more matched; the message lists them.</exception>
    public void AssertNotEnqueued<TPayload>(Func<TPayload, bool>? match = null, EnqueuedJobFilter? filter = null)
    {
        var tasks = TasksTaking<TPayload>(_dispatchers, WhereToRegister);
        var found = Find(tasks, Enqueued, match, filter);
        if (found.Count > 0)
        {
            throw new JobAssertionException(Unexpected(tasks, match, filter, found));
        }
    }

    /// <summary>Asserts that exactly <paramref name="expected"/> jobs whose payload is a <typeparamref name="TPayload"/> match; returns them, oldest first.</summary>
    /// <exception cref="JobAssertionException">Another number matched; the message lists what was enqueued.</exception>
    public IReadOnlyList<EnqueuedJob<TPayload>> AssertEnqueuedCount<TPayload>(int expected, Func<TPayload, bool>? match = null, EnqueuedJobFilter? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        var tasks = TasksTaking<TPayload>(_dispatchers, WhereToRegister);
        var jobs = Enqueued;
        var found = Find(tasks, jobs, match, filter);
        return found.Count == expected ? found : throw new JobAssertionException(WrongCount(tasks, match, filter, expected, found.Count, jobs));
    }

    /// <summary>Keeps a request already checked.</summary>
    private JobRow Record(JobRequest request)
    {
        var options = request.Options ?? EnqueueOptions.Default;
        var now = _time.GetUtcNow();
        var payload = request.Payload.IsEmpty ? "{}"u8.ToArray() : request.Payload.ToArray();
        lock (_jobs)
        {
            var row = new JobRow
            {
                Id = ++_lastId,
                DatabaseId = options.DatabaseId ?? _databaseId,
                TaskIdentifier = request.TaskIdentifier,
                PayloadUtf8 = payload,
                QueueName = options.Queue,
                Priority = options.Priority ?? 0,
                RunAt = options.RunAt ?? (options.Delay is { } delay ? now + delay : now),
                MaxAttempts = options.MaxAttempts ?? 25,
                Key = options.Key,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (options.Key is { } key)
            {
                _jobs.RemoveAll(job => job.Key == key);
            }
            _jobs.Add(row);
            return row;
        }
    }

    private static void Check(JobRequest request, string parameterName)
    {
        if (string.IsNullOrEmpty(request.TaskIdentifier))
        {
            throw new ArgumentException("A job needs a task name.", parameterName);
        }
        if (request.Payload.IsEmpty)
        {
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(request.Payload);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The payload of '{request.TaskIdentifier}' is not JSON: {ex.Message}", parameterName, ex);
        }
    }
}
