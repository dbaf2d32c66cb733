using Jobs.Worker;

namespace Jobs.UnitTests.Worker;

/// <summary>The auto-reset signal between NOTIFY, written outcomes and the fetch loop.</summary>
public sealed class WorkSignalTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_set_before_the_wait_wakes_it_at_once()
    {
        var signal = new WorkSignal();
        signal.Set();

        var wait = signal.WaitAsync(Long, CancellationToken.None);

        Assert.True(wait.IsCompleted);
        Assert.True(await wait);
    }

    [Fact]
    public async Task A_burst_of_sets_wakes_one_wait_only()
    {
        var signal = new WorkSignal();
        for (var i = 0; i < 100; i++)
        {
            signal.Set();
        }

        Assert.True(await signal.WaitAsync(Long, CancellationToken.None));
        Assert.False(await signal.WaitAsync(Short, CancellationToken.None));
        Assert.Equal(100, signal.Sets);
    }

    [Fact]
    public async Task A_set_during_the_wait_wakes_it()
    {
        var signal = new WorkSignal();
        var wait = signal.WaitAsync(Long, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        signal.Set();

        Assert.True(await wait.WaitAsync(Long));
    }

    [Fact]
    public async Task A_wait_with_nothing_set_times_out_false()
    {
        var signal = new WorkSignal();

        Assert.False(await signal.WaitAsync(Short, CancellationToken.None));
        Assert.Equal(0, signal.Sets);
    }

    [Fact]
    public async Task A_set_after_a_woken_wait_wakes_the_next()
    {
        var signal = new WorkSignal();
        signal.Set();
        Assert.True(await signal.WaitAsync(Long, CancellationToken.None));

        signal.Set();

        Assert.True(await signal.WaitAsync(Long, CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_wait_throws_even_when_set()
    {
        var signal = new WorkSignal();
        using var cancel = new CancellationTokenSource();
        var wait = signal.WaitAsync(Long, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        signal.Set();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal.WaitAsync(Long, cancel.Token));
    }

    [Fact]
    public async Task A_set_also_wakes_the_signal_it_is_chained_to()
    {
        var wake = new WorkSignal();
        var signal = new WorkSignal(alsoWakes: wake);

        signal.Set();

        Assert.True(await wake.WaitAsync(Long, CancellationToken.None));
        Assert.True(await signal.WaitAsync(Long, CancellationToken.None));
        wake.Set(); // not the other way round
        Assert.False(await signal.WaitAsync(Short, CancellationToken.None));
        Assert.Equal(1, signal.Sets);
        Assert.Equal(2, wake.Sets);
    }

    [Fact]
    public async Task The_timeout_runs_on_the_clock_given_so_a_fake_one_decides_when_it_ends()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var signal = new WorkSignal();

        var wait = signal.WaitAsync(TimeSpan.FromMinutes(5), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));

        Assert.False(await wait.WaitAsync(Long));
    }
}
