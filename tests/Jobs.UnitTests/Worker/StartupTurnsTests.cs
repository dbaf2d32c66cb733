using Jobs.Worker;

namespace Jobs.UnitTests.Worker;

/// <summary>A starting worker's first database steps, one at a time on one connection.</summary>
public sealed class StartupTurnsTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task While_starting_a_step_waits_for_the_one_before_it_to_end()
    {
        var turns = new StartupTurns(steps: 2);
        var firstRelease = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRan = false;

        var first = turns.RunAsync(_ => firstRelease.Task, CancellationToken.None);
        var second = turns.RunAsync(_ => { secondRan = true; return Task.FromResult(2); }, CancellationToken.None);

        Assert.False(secondRan);
        Assert.False(second.IsCompleted);
        firstRelease.SetResult(1);
        Assert.Equal(1, await first.WaitAsync(Long));
        Assert.Equal(2, await second.WaitAsync(Long));
        Assert.True(secondRan);
    }

    [Fact]
    public async Task Once_every_step_has_had_its_first_turn_steps_run_side_by_side()
    {
        var turns = new StartupTurns(steps: 2);
        turns.FirstTurnTaken();
        Assert.True(turns.Starting);
        turns.FirstTurnTaken();
        Assert.False(turns.Starting);
        var held = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = turns.RunAsync(_ => held.Task, CancellationToken.None);
        var second = turns.RunAsync(_ => Task.FromResult(2), CancellationToken.None);

        Assert.Equal(2, await second.WaitAsync(Long)); // not behind the first, still running
        Assert.False(first.IsCompleted);
        held.SetResult(1);
        Assert.Equal(1, await first.WaitAsync(Long));
    }

    [Fact]
    public async Task A_step_cancelled_while_waiting_never_runs_and_the_turns_after_it_keep_their_order()
    {
        var turns = new StartupTurns(steps: 3);
        var firstRelease = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var ran = new List<string>();

        var first = turns.RunAsync(_ => firstRelease.Task, CancellationToken.None);
        var dropped = turns.RunAsync(_ => { ran.Add("dropped"); return Task.FromResult(0); }, stop.Token);
        var third = turns.RunAsync(_ => { lock (ran) { ran.Add("third"); } return Task.FromResult(3); }, CancellationToken.None);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropped.WaitAsync(Long));
        Assert.False(third.IsCompleted); // still behind the first, which has not ended
        firstRelease.SetResult(1);

        Assert.Equal(3, await third.WaitAsync(Long));
        Assert.Equal(["third"], ran);
    }

    [Fact]
    public async Task A_failed_step_passes_the_turn_on()
    {
        var turns = new StartupTurns(steps: 2);

        var failed = turns.RunAsync<int>(_ => throw new InvalidOperationException("refused"), CancellationToken.None);
        var next = turns.RunAsync(_ => Task.FromResult(2), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal(2, await next.WaitAsync(Long));
    }
}
