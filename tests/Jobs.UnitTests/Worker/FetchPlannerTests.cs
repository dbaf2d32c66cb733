using System.Diagnostics;
using Jobs.Worker;

namespace Jobs.UnitTests.Worker;

/// <summary>When and how much the worker fetches: a clock in Stopwatch ticks is passed in, so no test waits.</summary>
public sealed class FetchPlannerTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void A_fixed_local_queue_fetches_for_the_idle_slots_and_a_full_buffer()
    {
        var planner = new FetchPlanner(capacity: 100, fixedSize: true);

        Assert.Equal(108, planner.Plan(idle: 8, buffered: 0, finished: 0, timestamp: Second));
    }

    [Fact]
    public void A_fixed_local_queue_tops_up_in_half_buffer_steps_not_per_job()
    {
        var planner = new FetchPlanner(capacity: 100, fixedSize: true);

        Assert.Equal(0, planner.Plan(idle: 0, buffered: 99, finished: 0, timestamp: Second));
        Assert.Equal(0, planner.Plan(idle: 0, buffered: 51, finished: 0, timestamp: Second));
        Assert.Equal(50, planner.Plan(idle: 0, buffered: 50, finished: 0, timestamp: Second));
    }

    [Fact]
    public void An_idle_slot_with_an_empty_buffer_is_served_at_once()
    {
        var planner = new FetchPlanner(capacity: 100, fixedSize: true);

        // One buffered job for one idle slot: not starving, and 100 more is a full step.
        Assert.Equal(100, planner.Plan(idle: 1, buffered: 1, finished: 0, timestamp: Second));
        // A buffer of 90 with nobody idle is not worth a round trip yet; an idle slot with an
        // empty buffer always is.
        Assert.Equal(0, planner.Plan(idle: 0, buffered: 90, finished: 0, timestamp: Second));
        Assert.Equal(101, planner.Plan(idle: 1, buffered: 0, finished: 0, timestamp: Second));
    }

    [Fact]
    public void Without_local_queue_only_free_slots_are_fetched()
    {
        var planner = new FetchPlanner(capacity: 0, fixedSize: true);

        Assert.Equal(3, planner.Plan(idle: 3, buffered: 0, finished: 0, timestamp: Second));
        Assert.Equal(0, planner.Plan(idle: 0, buffered: 0, finished: 0, timestamp: Second));
        Assert.Equal(0, planner.Plan(idle: 2, buffered: 2, finished: 0, timestamp: Second));
    }

    [Fact]
    public void The_adaptive_buffer_stays_empty_while_jobs_are_slow()
    {
        var planner = new FetchPlanner(capacity: 100, fixedSize: false);

        // Both slots filled at once, then nothing finishes for a minute: nothing is held ahead.
        Assert.Equal(2, planner.Plan(idle: 2, buffered: 0, finished: 0, timestamp: Second));
        Assert.Equal(0, planner.Plan(idle: 0, buffered: 0, finished: 0, timestamp: 2 * Second));
        Assert.Equal(0, planner.Plan(idle: 0, buffered: 0, finished: 0, timestamp: 60 * Second));
        Assert.Equal(0, planner.Target);
    }

    [Fact]
    public void The_adaptive_buffer_follows_the_finish_rate_up_to_its_capacity()
    {
        var planner = new FetchPlanner(capacity: 500, fixedSize: false);
        planner.Plan(idle: 8, buffered: 0, finished: 0, timestamp: Second);

        // 400 jobs/s: a quarter second of work is 100 jobs.
        planner.Plan(idle: 0, buffered: 0, finished: 400, timestamp: 2 * Second);
        Assert.Equal(100, planner.Target);

        // 20,000 jobs/s would be 5,000 jobs: capped at the capacity.
        planner.Plan(idle: 0, buffered: 0, finished: 400 + 20_000, timestamp: 3 * Second);
        planner.Plan(idle: 0, buffered: 0, finished: 400 + 40_000, timestamp: 4 * Second);
        Assert.Equal(500, planner.Target);
    }

    [Fact]
    public void The_adaptive_buffer_shrinks_after_a_quiet_spell()
    {
        var planner = new FetchPlanner(capacity: 500, fixedSize: false);
        planner.Plan(idle: 8, buffered: 0, finished: 0, timestamp: Second);
        planner.Plan(idle: 0, buffered: 0, finished: 4_000, timestamp: 2 * Second);
        Assert.Equal(500, planner.Target);

        planner.Plan(idle: 0, buffered: 0, finished: 4_000, timestamp: 62 * Second);
        planner.Plan(idle: 0, buffered: 0, finished: 4_000, timestamp: 63 * Second);
        Assert.True(planner.Target <= 250, $"target {planner.Target}");
    }
}
