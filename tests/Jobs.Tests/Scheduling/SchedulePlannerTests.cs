using Jobs.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Jobs.Tests.Scheduling;

/// <summary>The scheduler's decisions on a fake clock: no database, no waiting.</summary>
public sealed class SchedulePlannerTests
{
    private const string EveryMinute = """{"rule": "* * * * *"}""";
    private const string Daily = """{"rule": "0 2 * * *"}""";
    private static readonly TimeSpan Margin = SchedulePlanner.WakeMargin;

    // Half a second past a minute, so occurrences are never exactly "now".
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, 500, TimeSpan.Zero));

    private SchedulePlanner Planner(TimeSpan? claimExpiry = null, TimeSpan? poll = null, bool fireMissed = true, bool registrations = false)
    {
        var planner = new SchedulePlanner(new JobsSchedulerOptions
        {
            ClaimExpiry = claimExpiry ?? TimeSpan.FromMinutes(4),
            PollInterval = poll ?? TimeSpan.FromMinutes(10),
            FireMissedOccurrence = fireMissed,
        }, _time, "me", NullLogger.Instance);
        planner.Start(registrations);
        return planner;
    }

    private static ScheduleRow Row(long id, string scheduleInfo, DateTimeOffset? lastScheduled = null) =>
        new(id, $"task_{id}", scheduleInfo, lastScheduled, "me");

    private DateTimeOffset Now => _time.GetUtcNow();

    private static DateTimeOffset At(int hour, int minute, int day = 10) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void It_claims_first_then_sleeps_until_the_next_occurrence_and_fires_it_once()
    {
        var planner = Planner(claimExpiry: TimeSpan.FromHours(1));
        Assert.Equal(ScheduleAction.Claim, planner.Plan().Action);
        planner.Claimed([Row(1, EveryMinute)]);

        var plan = planner.Plan();
        Assert.Equal(ScheduleAction.Wait, plan.Action);
        Assert.Equal(At(12, 1) - Now + Margin, plan.Wait);

        _time.Advance(plan.Wait);
        plan = planner.Plan();
        Assert.Equal(ScheduleAction.Fire, plan.Action);
        var claim = Assert.Single(plan.Due);
        Assert.Equal(At(12, 1), claim.Due);
        planner.Fired(claim, FireOutcome.Fired);

        plan = planner.Plan();
        Assert.Equal(ScheduleAction.Wait, plan.Action);
        Assert.Equal(At(12, 2), claim.Due);
        Assert.Equal(At(12, 2) - Now + Margin, plan.Wait);
    }

    [Fact]
    public void Occurrences_passed_while_it_was_busy_collapse_into_one()
    {
        var planner = Planner(claimExpiry: TimeSpan.FromHours(1));
        planner.Claimed([Row(1, EveryMinute)]);

        _time.Advance(TimeSpan.FromMinutes(3.25)); // 12:01, 12:02 and 12:03 have passed
        var plan = planner.Plan();
        var claim = Assert.Single(plan.Due);
        planner.Fired(claim, FireOutcome.AlreadyScheduled);

        Assert.Equal(ScheduleAction.Wait, planner.Plan().Action);
        Assert.Equal(At(12, 4), claim.Due);
    }

    [Fact]
    public void Due_schedules_fire_in_the_order_of_their_occurrences()
    {
        var planner = Planner(claimExpiry: TimeSpan.FromHours(1));
        planner.Claimed([Row(1, Daily), Row(2, EveryMinute), Row(3, """{"rule": "*/2 * * * *"}""")]);

        _time.Advance(TimeSpan.FromMinutes(3));
        var plan = planner.Plan();

        Assert.Equal(ScheduleAction.Fire, plan.Action);
        Assert.Equal([2L, 3L], plan.Due.Select(c => c.Id));
    }

    [Fact]
    public void A_missed_occurrence_fires_once_at_once_and_a_never_run_schedule_waits()
    {
        var planner = Planner();
        planner.Claimed([Row(1, Daily, lastScheduled: Now.AddDays(-3)), Row(2, Daily)]);

        var plan = planner.Plan();
        Assert.Equal(ScheduleAction.Fire, plan.Action);
        var missed = Assert.Single(plan.Due);
        Assert.Equal(1, missed.Id);
        Assert.Equal(Now, missed.Due);
        planner.Fired(missed, FireOutcome.Fired);

        // Three days missed, one job: next is tomorrow's 02:00, like the never-run schedule's.
        Assert.Equal(ScheduleAction.Wait, planner.Plan().Action);
        Assert.Equal(At(2, 0, day: 11), missed.Due);
    }

    [Fact]
    public void Without_FireMissedOccurrence_a_missed_occurrence_waits_for_the_next()
    {
        var planner = Planner(fireMissed: false);
        planner.Claimed([Row(1, Daily, lastScheduled: Now.AddDays(-3))]);

        Assert.Equal(ScheduleAction.Wait, planner.Plan().Action);
        Assert.Equal(At(2, 0, day: 11), Assert.Single(Claims(planner, 1)).Due);
    }

    [Fact]
    public void A_schedule_that_ran_at_its_last_occurrence_has_missed_nothing()
    {
        var planner = Planner();
        planner.Claimed([Row(1, Daily, lastScheduled: At(2, 0))]);

        Assert.Equal(ScheduleAction.Wait, planner.Plan().Action);
    }

    [Fact]
    public void Claims_are_renewed_every_quarter_of_the_claim_expiry_and_claimed_again_every_poll_interval()
    {
        var planner = Planner(claimExpiry: TimeSpan.FromMinutes(4), poll: TimeSpan.FromMinutes(3));
        planner.Claimed([Row(1, Daily)]);

        // Renewal at 1, 2, 3 minutes; a claim pass (which also takes over expired claims) at 3, first.
        Assert.Equal(TimeSpan.FromMinutes(1) + Margin, planner.Plan().Wait);
        for (var minute = 1; minute <= 3; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            if (minute == 3)
            {
                Assert.Equal(ScheduleAction.Claim, planner.Plan().Action);
                planner.Claimed([]);
            }
            Assert.Equal(ScheduleAction.Renew, planner.Plan().Action);
            planner.Renewed(planner.ClaimedIds, [Row(1, Daily)]);
        }
        Assert.Equal(TimeSpan.FromMinutes(1) + Margin, planner.Plan().Wait);
    }

    [Fact]
    public void Failed_claim_passes_and_renewals_are_retried_soon()
    {
        var planner = Planner(claimExpiry: TimeSpan.FromMinutes(4), poll: TimeSpan.FromMinutes(10));
        planner.ClaimFailed();
        Assert.Equal(TimeSpan.FromSeconds(2) + Margin, planner.Plan().Wait);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ScheduleAction.Claim, planner.Plan().Action);
        planner.Claimed([Row(1, Daily)]);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ScheduleAction.Renew, planner.Plan().Action);
        planner.RenewalFailed();
        Assert.Equal(TimeSpan.FromSeconds(1) + Margin, planner.Plan().Wait);
    }

    [Fact]
    public void A_notification_asks_for_a_claim_pass_at_once()
    {
        var planner = Planner();
        planner.Claimed([]);
        Assert.Equal(ScheduleAction.Wait, planner.Plan().Action);

        planner.ClaimRequested();

        Assert.Equal(ScheduleAction.Claim, planner.Plan().Action);
    }

    [Fact]
    public void Registration_comes_first_is_retried_with_a_doubling_delay_and_is_followed_by_a_claim_pass()
    {
        var planner = Planner(registrations: true);
        Assert.Equal(ScheduleAction.Register, planner.Plan().Action);
        Assert.Equal(TimeSpan.FromMilliseconds(200), planner.RegistrationFailed());
        Assert.Equal(ScheduleAction.Claim, planner.Plan().Action); // claims meanwhile
        planner.Claimed([]);
        Assert.Equal(TimeSpan.FromMilliseconds(200) + Margin, planner.Plan().Wait);

        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(ScheduleAction.Register, planner.Plan().Action);
        Assert.Equal(TimeSpan.FromMilliseconds(400), planner.RegistrationFailed());
        _time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(ScheduleAction.Register, planner.Plan().Action);
        planner.Registered();

        Assert.Equal(ScheduleAction.Claim, planner.Plan().Action);
    }

    [Fact]
    public void A_failed_occurrence_stays_due_and_is_retried_with_a_doubling_delay()
    {
        var planner = Planner(claimExpiry: TimeSpan.FromHours(1));
        planner.Claimed([Row(1, EveryMinute)]);
        _time.Advance(planner.Plan().Wait);
        var claim = Assert.Single(planner.Plan().Due);

        Assert.Equal(TimeSpan.FromMilliseconds(500), planner.FireFailed(claim));
        Assert.Equal(TimeSpan.FromMilliseconds(500) + Margin, planner.Plan().Wait);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Same(claim, Assert.Single(planner.Plan().Due));
        Assert.Equal(TimeSpan.FromSeconds(1), planner.FireFailed(claim));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(claim, Assert.Single(planner.Plan().Due));
        Assert.Equal(At(12, 1), claim.Due);

        planner.Fired(claim, FireOutcome.Fired);
        Assert.Equal(At(12, 2), claim.Due);
        Assert.Null(claim.RetryAt);
    }

    [Fact]
    public void A_schedule_lost_when_firing_or_renewing_is_forgotten_and_one_edited_in_place_starts_over()
    {
        var planner = Planner(claimExpiry: TimeSpan.FromHours(1));
        planner.Claimed([Row(1, EveryMinute), Row(2, EveryMinute), Row(3, Daily)]);
        _time.Advance(TimeSpan.FromMinutes(1));
        var due = planner.Plan().Due;
        planner.Fired(due.Single(c => c.Id == 2), FireOutcome.Lost);
        planner.Fired(due.Single(c => c.Id == 1), FireOutcome.Fired);
        Assert.Equal([1L, 3L], planner.ClaimedIds.Order());

        // Schedule 3 is gone; 1 now runs hourly.
        planner.Renewed([1, 3], [Row(1, """{"rule": "0 * * * *"}""")]);

        var claim = Assert.Single(Claims(planner, 1));
        Assert.Equal([1L], planner.ClaimedIds);
        Assert.Equal(At(13, 0), claim.Due);
    }

    [Fact]
    public void An_invalid_schedule_is_held_but_never_due()
    {
        var planner = Planner();
        const string Invalid = """{"month": 12}""";
        planner.Claimed([Row(1, Invalid)]);

        Assert.Equal([1L], planner.ClaimedIds);
        _time.Advance(TimeSpan.FromDays(400));
        planner.Claimed([]);
        planner.Renewed(planner.ClaimedIds, [Row(1, Invalid)]);
        Assert.Equal(ScheduleAction.Wait, planner.Plan().Action);
        Assert.Equal([1L], planner.ClaimedIds);
    }

    [Fact]
    public void Clear_forgets_every_claim()
    {
        var planner = Planner();
        planner.Claimed([Row(1, Daily), Row(2, Daily)]);

        planner.Clear();

        Assert.Empty(planner.ClaimedIds);
    }

    private static IEnumerable<ClaimedSchedule> Claims(SchedulePlanner planner, long id) =>
        planner.Find(id) is { } claim ? [claim] : [];
}
