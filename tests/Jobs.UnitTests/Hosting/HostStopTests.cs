using Jobs.Hosting;
using Microsoft.Extensions.Hosting;

namespace Jobs.UnitTests.Hosting;

/// <summary>
/// What the hosted worker and scheduler add to <see cref="BackgroundService"/>: a host that stops
/// waiting cuts the loop short (the worker's StopNow) and is let go without an exception.
/// </summary>
public sealed class HostStopTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_loop_that_ends_when_asked_is_waited_for_and_never_cut_short()
    {
        var service = new Loop(endsWhenAsked: true);
        await service.StartAsync(CancellationToken.None);
        await service.Started.WaitAsync(Wait);

        await service.StopAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(0, service.StopNowCalls);
    }

    [Fact]
    public async Task A_host_that_stops_waiting_cuts_the_loop_short_and_is_let_go_without_an_exception()
    {
        var service = new Loop(endsWhenAsked: false);
        await service.StartAsync(CancellationToken.None);
        await service.Started.WaitAsync(Wait);
        using var hostGivesUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await service.StopAsync(hostGivesUp.Token).WaitAsync(Wait);

        Assert.Equal(1, service.StopNowCalls);
        Assert.True(service.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task A_loop_that_ignores_stop_now_holds_the_host_at_most_the_last_wait()
    {
        var service = new Loop(endsWhenAsked: false, obeysStopNow: false);
        await service.StartAsync(CancellationToken.None);
        await service.Started.WaitAsync(Wait);

        var stopping = Task.Run(() => service.StopAsync(new CancellationToken(canceled: true)));

        await stopping.WaitAsync(HostStop.LastWait + Wait);
        Assert.Equal(1, service.StopNowCalls);
        Assert.False(service.ExecuteTask!.IsCompleted);
        service.Finish();
    }

    [Fact]
    public async Task Stopping_a_service_never_started_does_nothing()
    {
        var service = new Loop(endsWhenAsked: true);

        await service.StopAsync(new CancellationToken(canceled: true));

        Assert.Equal(0, service.StopNowCalls);
    }

    /// <summary>A loop shaped like the worker's: it ends when asked, or only once told to stop now.</summary>
    private sealed class Loop(bool endsWhenAsked, bool obeysStopNow = true) : BackgroundService
    {
        private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _stopNowCalls;

        public int StopNowCalls => Volatile.Read(ref _stopNowCalls);

        /// <summary>Completes once the loop runs (BackgroundService starts it on the thread pool: a stop before that cancels it unrun).</summary>
        public Task Started => _started.Task;

        public void Finish() => _end.TrySetResult();

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var registration = endsWhenAsked ? stoppingToken.Register(Finish) : default;
            _started.TrySetResult();
            await _end.Task;
        }

        public override Task StopAsync(CancellationToken cancellationToken) =>
            HostStop.StopAsync(this, base.StopAsync(cancellationToken), StopNow, cancellationToken);

        private void StopNow()
        {
            Interlocked.Increment(ref _stopNowCalls);
            if (obeysStopNow)
            {
                Finish();
            }
        }
    }
}
