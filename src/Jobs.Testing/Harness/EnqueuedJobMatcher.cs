using System.Text;

namespace Jobs.Testing;

/// <summary>
/// The enqueue assertions' common part, over a list of jobs however they were read (the harness's
/// table, a recording double's memory): which tasks take a payload type, which jobs match, and the
/// messages that say what was wanted and what was there.
/// </summary>
internal static class EnqueuedJobMatcher
{
    private const int ListedInMessage = 20;
    private const int PayloadInMessage = 120;

    /// <summary>The tasks whose registered handler takes <typeparamref name="TPayload"/>, by the generated dispatchers' descriptors.</summary>
    /// <exception cref="InvalidOperationException">None does.</exception>
    public static Dictionary<string, JobTaskDescriptor> TasksTaking<TPayload>(IEnumerable<IJobDispatcher> dispatchers, string whereToRegister)
    {
        var tasks = dispatchers
            .SelectMany(dispatcher => dispatcher.Tasks)
            .Where(task => task.PayloadType == typeof(TPayload) && task.ReadPayload is not null)
            .GroupBy(task => task.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        if (tasks.Count == 0)
        {
            throw new InvalidOperationException($"No registered job handler takes a {typeof(TPayload).Name}: {whereToRegister}.");
        }
        return tasks;
    }

    /// <summary>The jobs of those tasks matching <paramref name="match"/> and <paramref name="filter"/>, in the order given, with their payloads read.</summary>
    public static List<EnqueuedJob<TPayload>> Find<TPayload>(Dictionary<string, JobTaskDescriptor> tasks, IEnumerable<JobRow> jobs, Func<TPayload, bool>? match, EnqueuedJobFilter? filter)
    {
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
        return found;
    }

    public static string NotFound<TPayload>(Dictionary<string, JobTaskDescriptor> tasks, Func<TPayload, bool>? match, EnqueuedJobFilter? filter, TimeSpan? within, IReadOnlyList<JobRow> jobs) =>
        $"Expected a job of {Describe<TPayload>(tasks)}{Conditions(match, filter)}{(within is { } w ? $" within {w.TotalSeconds:0.###} s" : "")}, "
        + $"but none was enqueued. {Listing(jobs)}";

    public static string Unexpected<TPayload>(Dictionary<string, JobTaskDescriptor> tasks, Func<TPayload, bool>? match, EnqueuedJobFilter? filter, List<EnqueuedJob<TPayload>> found) =>
        $"Expected no job of {Describe<TPayload>(tasks)}{Conditions(match, filter)}, but {found.Count} {(found.Count == 1 ? "was" : "were")} enqueued. "
        + Listing(found.Select(f => f.Row).ToList(), "They are");

    public static string WrongCount<TPayload>(Dictionary<string, JobTaskDescriptor> tasks, Func<TPayload, bool>? match, EnqueuedJobFilter? filter, int expected, int matched, IReadOnlyList<JobRow> jobs) =>
        $"Expected {expected} job(s) of {Describe<TPayload>(tasks)}{Conditions(match, filter)}, but {matched} matched. {Listing(jobs)}";

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
