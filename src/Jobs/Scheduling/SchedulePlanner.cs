using Microsoft.Extensions.Logging;

namespace Jobs.Scheduling;

/// <summary>What the scheduler's loop does next.</summary>
internal enum ScheduleAction
{
    /// <summary>Store the registrations (<see cref="SchedulePlanner.Registered"/> or <see cref="SchedulePlanner.RegistrationFailed"/>).</summary>
    Register,
    /// <summary>A claim pass (<see cref="SchedulePlanner.Claimed"/> or <see cref="SchedulePlanner.ClaimFailed"/>).</summary>
    Claim,
    /// <summary>Renew the claims on <see cref="SchedulePlanner.ClaimedIds"/> (<see cref="SchedulePlanner.Renewed"/> or <see cref="SchedulePlanner.RenewalFailed"/>).</summary>
    Renew,
    /// <summary>Fire <see cref="SchedulePlan.Due"/>, in that order (<see cref="SchedulePlanner.Fired"/> or <see cref="SchedulePlanner.FireFailed"/> for each).</summary>
    Fire,
    /// <summary>Nothing is due: wait until <see cref="SchedulePlan.WakeAt"/> (<see cref="SchedulePlan.Wait"/> from now), or until a notification.</summary>
    Wait,
}

/// <summary>The next action; <paramref name="Due"/> is set for <see cref="ScheduleAction.Fire"/>, <paramref name="Wait"/> and <paramref name="WakeAt"/> (the clock's time then) for <see cref="ScheduleAction.Wait"/>.</summary>
internal readonly record struct SchedulePlan(ScheduleAction Action, IReadOnlyList<ClaimedSchedule> Due, TimeSpan Wait, DateTimeOffset WakeAt = default);

/// <summary>
/// The scheduler's decisions, from the clock alone: which schedules it holds, when each fires,
/// when to claim, renew and register, and how long to sleep. No I/O: the loop asks
/// <see cref="Plan"/>, does the action against the database, and reports the result back; each
/// report moves that action's deadline past now, so the loop always progresses.
/// </summary>
/// <remarks>
/// Priorities, as the loop takes them: registration (until stored; retried 200 ms, then doubling to
/// 30 s), a claim pass (at start, after registration, on a notification, every
/// <see cref="JobsSchedulerOptions.PollInterval"/>; after a failure within 2 s), a renewal (every
/// <see cref="JobsSchedulerOptions.ClaimExpiry"/> / 4; after a failure within 1 s), then the due
/// occurrences. A fired (or skipped) occurrence is followed by the first occurrence after both it
/// and now: never a backlog. A failed one is retried after 500 ms, doubling to 30 s, and later
/// occurrences collapse into it. A newly claimed schedule whose last_scheduled is followed by an
/// occurrence already past fires once at once (<see cref="JobsSchedulerOptions.FireMissedOccurrence"/>).
/// </remarks>
internal sealed class SchedulePlanner(JobsSchedulerOptions options, TimeProvider time, string workerId, ILogger logger)
{
    /// <summary>Past the wake-up time, so the clock read after waking is not before it.</summary>
    public static readonly TimeSpan WakeMargin = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstRegistrationRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FirstFireRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxClaimRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRenewalRetry = TimeSpan.FromSeconds(1);

    private readonly Dictionary<long, ClaimedSchedule> _claims = [];
    private readonly object _gate = new();
    private bool _registrationPending;
    private DateTimeOffset _nextRegistration = DateTimeOffset.MinValue;
    private TimeSpan _registrationRetry = FirstRegistrationRetry;
    private bool _claimRequested = true;
    private DateTimeOffset _nextClaim = DateTimeOffset.MinValue;
    private DateTimeOffset _nextRenewal = DateTimeOffset.MaxValue;

    /// <summary>The ids of the schedules held now (safe from any thread).</summary>
    public long[] ClaimedIds
    {
        get
        {
            lock (_gate)
            {
                return _claims.Keys.ToArray();
            }
        }
    }

    /// <summary>The schedule <paramref name="id"/>, when held.</summary>
    public ClaimedSchedule? Find(long id)
    {
        lock (_gate)
        {
            return _claims.GetValueOrDefault(id);
        }
    }

    /// <summary>Starts the plan: registration first when <paramref name="registrationsPending"/>, then a claim pass; the first renewal a heartbeat from now.</summary>
    public void Start(bool registrationsPending)
    {
        _registrationPending = registrationsPending;
        _claimRequested = true;
        _nextRenewal = time.GetUtcNow() + options.HeartbeatInterval;
    }

    /// <summary>What to do now.</summary>
    public SchedulePlan Plan()
    {
        var now = time.GetUtcNow();
        if (_registrationPending && now >= _nextRegistration)
        {
            return new SchedulePlan(ScheduleAction.Register, [], TimeSpan.Zero);
        }
        if (_claimRequested || now >= _nextClaim)
        {
            return new SchedulePlan(ScheduleAction.Claim, [], TimeSpan.Zero);
        }
        if (now >= _nextRenewal)
        {
            return new SchedulePlan(ScheduleAction.Renew, [], TimeSpan.Zero);
        }
        ClaimedSchedule[] due;
        var wake = _nextClaim < _nextRenewal ? _nextClaim : _nextRenewal;
        if (_registrationPending && _nextRegistration < wake)
        {
            wake = _nextRegistration;
        }
        lock (_gate)
        {
            due = _claims.Values.Where(c => c.WakeAt <= now).OrderBy(c => c.Due).ToArray();
            foreach (var claim in _claims.Values)
            {
                if (claim.WakeAt is { } at && at < wake)
                {
                    wake = at;
                }
            }
        }
        return due.Length > 0
            ? new SchedulePlan(ScheduleAction.Fire, due, TimeSpan.Zero)
            : new SchedulePlan(ScheduleAction.Wait, [], wake - now + WakeMargin, wake + WakeMargin);
    }

    /// <summary>A notification: claim at once.</summary>
    public void ClaimRequested() => _claimRequested = true;

    /// <summary>The registrations are stored: claim at once.</summary>
    public void Registered()
    {
        _registrationPending = false;
        _claimRequested = true;
    }

    /// <summary>Storing the registrations failed; returns how long until the next try.</summary>
    public TimeSpan RegistrationFailed()
    {
        var delay = _registrationRetry;
        _nextRegistration = time.GetUtcNow() + delay;
        _registrationRetry = Min(MaxRetryDelay, delay * 2);
        return delay;
    }

    /// <summary>A claim pass claimed <paramref name="rows"/>; missed occurrences among them fire at once.</summary>
    public void Claimed(IEnumerable<ScheduleRow> rows)
    {
        foreach (var row in rows)
        {
            Track(row, catchUp: true);
        }
        _claimRequested = false;
        _nextClaim = time.GetUtcNow() + options.PollInterval;
    }

    /// <summary>A claim pass failed: try again soon.</summary>
    public void ClaimFailed()
    {
        _claimRequested = false;
        _nextClaim = time.GetUtcNow() + Min(options.PollInterval, MaxClaimRetry);
    }

    /// <summary>
    /// The claims on <paramref name="ids"/> were renewed; <paramref name="rows"/> are those still held.
    /// The others are forgotten; one whose schedule_info was edited in place starts over from the new schedule.
    /// </summary>
    public void Renewed(IReadOnlyCollection<long> ids, IEnumerable<ScheduleRow> rows)
    {
        var held = rows.ToDictionary(r => r.Id);
        foreach (var id in ids)
        {
            if (!held.TryGetValue(id, out var row))
            {
                Forget(id);
                continue;
            }
            ClaimedSchedule? current;
            lock (_gate)
            {
                _claims.TryGetValue(id, out current);
            }
            if (current is not null && current.ScheduleInfoJson != row.ScheduleInfo)
            {
                Track(row, catchUp: false);
            }
        }
        _nextRenewal = time.GetUtcNow() + options.HeartbeatInterval;
    }

    /// <summary>Renewing failed: try again soon.</summary>
    public void RenewalFailed() => _nextRenewal = time.GetUtcNow() + Min(options.HeartbeatInterval, MaxRenewalRetry);

    /// <summary>
    /// <paramref name="claim"/>'s occurrence is settled (fired or skipped): on to the first occurrence
    /// after both it and now. <see cref="FireOutcome.Lost"/> forgets the schedule.
    /// </summary>
    public void Fired(ClaimedSchedule claim, FireOutcome outcome)
    {
        if (outcome == FireOutcome.Lost)
        {
            Forget(claim.Id);
            return;
        }
        claim.RetryAt = null;
        claim.RetryDelay = TimeSpan.Zero;
        var occurred = claim.Due!.Value;
        var now = time.GetUtcNow();
        claim.Due = claim.Schedule!.GetNextOccurrence(occurred > now ? occurred : now);
    }

    /// <summary>Firing <paramref name="claim"/> failed: keep the occurrence due and retry; returns the delay.</summary>
    public TimeSpan FireFailed(ClaimedSchedule claim)
    {
        claim.RetryDelay = claim.RetryDelay == TimeSpan.Zero ? FirstFireRetry : Min(MaxRetryDelay, claim.RetryDelay * 2);
        claim.RetryAt = time.GetUtcNow() + claim.RetryDelay;
        return claim.RetryDelay;
    }

    /// <summary>Every claim was released.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _claims.Clear();
        }
    }

    private void Track(ScheduleRow row, bool catchUp)
    {
        var claim = new ClaimedSchedule(row.Id, row.TaskIdentifier, row.ScheduleInfo);
        if (!ScheduleInfo.TryParse(row.ScheduleInfo, out var schedule, out var error))
        {
            Log.InvalidSchedule(logger, row.Id, row.TaskIdentifier, error);
        }
        else
        {
            var now = time.GetUtcNow();
            claim.Schedule = schedule;
            claim.Due = schedule.GetNextOccurrence(now);
            if (catchUp && options.FireMissedOccurrence && row.LastScheduled is { } last
                && schedule.GetNextOccurrence(last) is { } missed && missed <= now)
            {
                Log.MissedOccurrence(logger, row.Id, row.TaskIdentifier, missed);
                claim.Due = now;
            }
            Log.ScheduleClaimed(logger, workerId, row.Id, row.TaskIdentifier, schedule.Description, claim.Due);
        }
        lock (_gate)
        {
            _claims[row.Id] = claim;
        }
    }

    private void Forget(long id)
    {
        ClaimedSchedule? claim;
        lock (_gate)
        {
            _claims.Remove(id, out claim);
        }
        if (claim is not null)
        {
            Log.ScheduleLost(logger, id, claim.Task);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
