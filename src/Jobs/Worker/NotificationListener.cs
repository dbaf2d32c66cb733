using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.Worker;

/// <summary>
/// A dedicated connection LISTENing on a channel (jobs:insert for the worker, scheduled_jobs:insert
/// for the scheduler) that wakes the loop. It reconnects with
/// backoff when the connection drops, and wakes the loop after reconnecting, since jobs may have
/// arrived unannounced meanwhile. Polling covers the gap.
/// </summary>
internal sealed class NotificationListener(NpgsqlDataSource dataSource, WorkSignal signal, WorkerHealth health, ILogger logger, string channel = NotificationListener.Channel)
{
    public const string Channel = "jobs:insert";

    public const string ScheduledJobsChannel = "scheduled_jobs:insert";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, _) => signal.Set();
                await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                health.ListenerConnected = true;
                delay = TimeSpan.FromMilliseconds(100);
                Log.Listening(logger, channel);
                signal.Set();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                health.ListenerConnected = false;
                Log.ListenerLost(logger, delay, ex);
                try
                {
                    await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100)), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, delay.Ticks * 2));
            }
        }
        health.ListenerConnected = false;
    }
}
