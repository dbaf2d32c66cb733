using Jobs.Tests.Infrastructure;
using Jobs.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Jobs.Tests.Health;

/// <summary>
/// A stopped listener leaves its pool as it found it. Stopped while opening its connection, proving
/// delivery or ending the proof, it used to give up on the step without waiting for it: a
/// connection opened after the stop was never closed (the pool lost it for good), and a connection
/// closed under a pending read went back to the pool still in use, so the next user found it busy
/// or, worse, lost its answer to that read and waited for its command timeout although the server
/// had answered. In workers and schedulers sharing a pool, that was the fetch, ready count or
/// NOTIFY that hung for 30 s right after another worker on the same pool stopped.
/// </summary>
public sealed class ListenerConnectionTests(InstallerDatabase database) : IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task A_listener_stopped_at_any_point_of_its_start_gives_back_every_connection_in_a_state_the_next_user_can_use()
    {
        // Two connections at most, the listener's and the one its delivery proof sends the NOTIFY on:
        // one lost connection exhausts the pool. Short timeouts: a lost answer fails in seconds.
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 2, Timeout = 5, CommandTimeout = 3 };
        await using var dataSource = JobsDataSource.Create(settings.ConnectionString);
        var listening = new ListenerSettings(ConnectionString: null, PingInterval: TimeSpan.FromSeconds(30), PingTimeout: TimeSpan.FromSeconds(10));
        for (var round = 0; round < 300; round++)
        {
            var health = new WorkerHealth();
            var listener = new NotificationListener(dataSource, new WorkSignal(), health, NullLogger.Instance, listening);
            using var stop = new CancellationTokenSource();
            var run = listener.RunAsync(stop.Token);
            // Stopped a little later each round (0-3 ms, and wherever the scheduler adds to that):
            // while opening, listening, proving delivery, ending the proof or waiting.
            await Task.Delay(round % 4);
            await stop.CancelAsync();
            // Well inside the ping timeout, which bounds the wait for a step the network swallows.
            await run.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.False(health.ListenerConnected);

            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand($"SELECT {round}", connection);
            Assert.Equal(round, (int)(await command.ExecuteScalarAsync())!);
        }
    }
}
