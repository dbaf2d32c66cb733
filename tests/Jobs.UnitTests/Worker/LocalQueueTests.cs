using Jobs.Worker;

namespace Jobs.UnitTests.Worker;

/// <summary>The jobs a worker holds: fetched ahead, running, or waiting for their result to be written.</summary>
public sealed class LocalQueueTests
{
    private static readonly DateTimeOffset Fetched = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fetched_jobs_are_taken_in_fetch_order_and_stay_held_until_ended()
    {
        var queue = new LocalQueue();
        queue.Add([Job(1), Job(2), Job(3)], Fetched);

        Assert.Equal(3, queue.Buffered);
        Assert.Equal(3, queue.Held);
        Assert.True(queue.TryTake(out var first));
        Assert.True(queue.TryTake(out var second));
        Assert.Equal([1L, 2L], new[] { first.Id, second.Id });
        Assert.Equal(1, queue.Buffered);
        Assert.Equal(3, queue.Held); // running jobs are still ours to renew

        queue.Ended(first.Id, first.Attempts);
        Assert.Equal(2, queue.Held);
    }

    [Fact]
    public void A_job_taken_by_a_slot_stays_counted_as_buffered_or_running_until_the_slot_is_done_with_it()
    {
        // The fetch planner reads this count and the busy slots at any moment: a job between the
        // buffer and a slot must be in it, or the worker fetches one job more than it may hold.
        var queue = new LocalQueue();
        queue.Add([Job(1), Job(2), Job(3)], Fetched);
        Assert.Equal(3, queue.BufferedOrRunning);

        Assert.True(queue.TryTake(out _));
        Assert.Equal(2, queue.Buffered);
        Assert.Equal(3, queue.BufferedOrRunning);

        queue.TakenJobDone();
        Assert.Equal(2, queue.BufferedOrRunning);
        Assert.True(queue.TryTake(out _));

        // Closing gives back the one never taken; the running one still counts.
        Assert.Single(queue.Close());
        Assert.Equal(1, queue.BufferedOrRunning);
        queue.TakenJobDone();
        Assert.Equal(0, queue.BufferedOrRunning);
    }

    [Fact]
    public void Two_attempts_of_one_job_are_two_holdings()
    {
        var queue = new LocalQueue();
        queue.Add([Job(7, attempt: 1)], Fetched);
        Assert.True(queue.TryTake(out _));
        queue.Add([Job(7, attempt: 2)], Fetched.AddMinutes(5));

        queue.Ended(7, 1); // the stale first attempt settles: the second stays held
        Assert.Equal(1, queue.Held);
        Assert.Equal(Fetched.AddMinutes(5), Assert.Single(queue.LockedLongerThan(TimeSpan.Zero, Fetched.AddMinutes(5))).LockedAt);

        queue.Ended(7, 2);
        Assert.Equal(0, queue.Held);
    }

    [Fact]
    public void Ending_an_attempt_not_held_changes_nothing()
    {
        var queue = new LocalQueue();
        queue.Add([Job(1)], Fetched);

        queue.Ended(1, attempt: 2);
        queue.Ended(99, attempt: 1);

        Assert.Equal(1, queue.Held);
    }

    [Fact]
    public async Task Closing_hands_back_the_unstarted_jobs_and_keeps_the_running_ones()
    {
        var queue = new LocalQueue();
        queue.Add([Job(1), Job(2), Job(3)], Fetched);
        Assert.True(queue.TryTake(out var running));

        var unstarted = queue.Close();

        Assert.Equal([2L, 3L], unstarted.Select(j => j.Id));
        Assert.Equal(0, queue.Buffered);
        Assert.Equal(1, queue.Held);
        Assert.Equal(running.Id, Assert.Single(queue.LockedLongerThan(TimeSpan.Zero, Fetched)).Id);
        Assert.False(await queue.WaitToTakeAsync());
        Assert.False(queue.TryTake(out _));
    }

    [Fact]
    public async Task A_slot_waiting_to_take_wakes_when_jobs_arrive()
    {
        var queue = new LocalQueue();
        var waiting = queue.WaitToTakeAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        queue.Add([Job(1)], Fetched);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(queue.TryTake(out var job));
        Assert.Equal(1, job.Id);
    }

    [Fact]
    public void Locks_older_than_the_age_are_due_for_renewal()
    {
        var queue = new LocalQueue();
        queue.Add([Job(1)], Fetched);
        queue.Add([Job(2)], Fetched.AddSeconds(30));
        var now = Fetched.AddMinutes(1);

        Assert.Equal([1L], queue.LockedLongerThan(TimeSpan.FromSeconds(45), now).Select(h => h.Id));
        Assert.Equal([1L, 2L], queue.LockedLongerThan(TimeSpan.FromSeconds(30), now).Select(h => h.Id).Order());
        Assert.Empty(queue.LockedLongerThan(TimeSpan.FromMinutes(2), now));

        // Renewal writes the new lock time into the holding: it is no longer due.
        foreach (var held in queue.LockedLongerThan(TimeSpan.FromSeconds(45), now))
        {
            held.LockedAt = now;
        }
        Assert.Equal([2L], queue.LockedLongerThan(TimeSpan.FromSeconds(30), now).Select(h => h.Id));
    }

    private static JobRow Job(long id, int attempt = 1) => new()
    {
        Id = id,
        DatabaseId = Guid.Empty,
        TaskIdentifier = "task",
        Payload = "{}",
        Attempts = attempt,
    };
}
