using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jobs.Worker;

/// <summary>
/// A dedicated connection LISTENing on a channel (jobs:insert for the worker, scheduled_jobs:insert
/// for the scheduler) that wakes the loop. Polling covers every gap.
/// <list type="bullet">
/// <item>After LISTEN it proves delivery: a NOTIFY on a private channel, sent from another
/// connection, must arrive. Through a transaction-pooling PgBouncer it never does; that is
/// reported as such, not mistaken for a healthy listener.</item>
/// <item>While idle it pings (<c>SELECT 1</c>) every <see cref="ListenerSettings.PingInterval"/>: a
/// connection dropped silently (a frozen or blackholed network) raises no error of its own and
/// would otherwise wait forever, while notifications stop for good.</item>
/// <item>Every step that talks to the server is bounded by <see cref="ListenerSettings.PingTimeout"/>:
/// past it the connection is abandoned (closed in the background), never waited for through TCP's
/// retransmissions.</item>
/// <item>It reconnects with backoff, and wakes the loop after reconnecting, since jobs may have
/// arrived unannounced meanwhile.</item>
/// </list>
/// </summary>
internal sealed class NotificationListener(NpgsqlDataSource dataSource, WorkSignal signal, WorkerHealth health, ILogger logger, ListenerSettings settings, string channel = NotificationListener.Channel)
{
    public const string Channel = "jobs:insert";

    public const string ScheduledJobsChannel = "scheduled_jobs:insert";

    /// <summary>
    /// The operation last started on the LISTEN connection. A bounded step that gives up (its
    /// timeout, or the stop) leaves it running until Npgsql has cancelled it; the connection is
    /// closed only after that. Closed while a read is still pending, it would go back to the pool
    /// with that read, which then takes the next user's answer: that user's query waits for its
    /// command timeout although the server answered at once.
    /// </summary>
    private Task _onConnection = Task.CompletedTask;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            NpgsqlConnection? connection = null;
            try
            {
                var probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var probeChannel = $"jobs:probe:{Guid.NewGuid():N}";
                connection = await BoundedAsync(async token =>
                {
                    var opened = await dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                    opened.Notification += (_, e) =>
                    {
                        if (e.Channel == probeChannel)
                        {
                            probe.TrySetResult();
                        }
                        else
                        {
                            signal.Set();
                        }
                    };
                    await ExecuteAsync(opened, $"LISTEN \"{channel}\"; LISTEN \"{probeChannel}\"", token).ConfigureAwait(false);
                    return opened;
                }, "Opening the LISTEN connection", cancellationToken).ConfigureAwait(false);

                await ProveDeliveryAsync(connection, probe.Task, probeChannel, cancellationToken).ConfigureAwait(false);
                health.ListenerConnected = true;
                delay = TimeSpan.FromMilliseconds(100);
                Log.Listening(logger, channel);
                signal.Set();
                while (true)
                {
                    if (!await connection.WaitAsync(settings.PingInterval, cancellationToken).ConfigureAwait(false))
                    {
                        await PingAsync(connection, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                health.ListenerLost(ex.Message);
                Log.ListenerLost(logger, delay, ex);
                if (connection is not null)
                {
                    _ = Abandon(connection);
                    connection = null;
                }
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
            finally
            {
                if (connection is not null)
                {
                    // Stopping: the connection goes back to the pool before the listener ends, so a
                    // stopped worker holds none. A network that swallows even the cancellation is
                    // not waited for past the ping timeout; the close then finishes in the background.
                    var closing = Abandon(connection);
                    await Task.WhenAny(closing, Task.Delay(settings.PingTimeout, CancellationToken.None)).ConfigureAwait(false);
                }
            }
        }
        health.ListenerConnected = false;
    }

    /// <summary>
    /// Sends a NOTIFY on the private channel from another connection and waits up to the ping
    /// timeout for it to arrive here (the whole step may take twice that: the NOTIFY is a round trip).
    /// </summary>
    private async Task ProveDeliveryAsync(NpgsqlConnection connection, Task arrived, string probeChannel, CancellationToken cancellationToken)
    {
        await BoundedAsync(async token =>
        {
            await using (var notify = dataSource.CreateCommand("SELECT pg_notify($1, '')"))
            {
                notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = probeChannel });
                await notify.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            var deadline = DateTime.UtcNow + settings.PingTimeout;
            while (!arrived.IsCompleted)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await connection.WaitAsync(left, token).ConfigureAwait(false))
                {
                    break;
                }
            }
            return true;
        }, "Proving LISTEN delivery", cancellationToken, limit: settings.PingTimeout * 2).ConfigureAwait(false);
        if (!arrived.IsCompleted)
        {
            Log.ListenerReceivesNothing(logger, channel, settings.PingTimeout);
            throw new InvalidOperationException(
                $"LISTEN receives no notifications: a NOTIFY sent from another connection did not arrive within {settings.PingTimeout}. " +
                "Through a transaction-pooling PgBouncer LISTEN cannot work: set ListenConnectionString to a direct connection to PostgreSQL, or UseListenNotify = false.");
        }
        await BoundedAsync(async token =>
        {
            await ExecuteAsync(connection, $"UNLISTEN \"{probeChannel}\"", token).ConfigureAwait(false);
            return true;
        }, "Ending the delivery proof", cancellationToken).ConfigureAwait(false);
    }

    private async Task PingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await BoundedAsync(async token =>
            {
                await ExecuteAsync(connection, "SELECT 1", token).ConfigureAwait(false);
                return true;
            }, "The ping", cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.ListenerPingFailed(logger, channel, settings.PingTimeout);
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> for at most <see cref="ListenerSettings.PingTimeout"/>. Its
    /// token is cancelled then, and the wait ends then whether or not Npgsql gets the cancellation
    /// through (a dead network swallows that too): the caller drops the connection instead.
    /// </summary>
    private async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> operation, string what, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var bound = limit ?? settings.PingTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        var task = operation(timeout.Token);
        _onConnection = task;
        try
        {
            return await task.WaitAsync(bound, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Given up on (out of time, or the listener is stopping), the operation may still be
            // running: whatever it produces is abandoned, and a connection it opens late is closed.
            _ = task.ContinueWith(static t =>
            {
                if (t.IsCompletedSuccessfully && t.Result is NpgsqlConnection late)
                {
                    late.Dispose();
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            if (cancellationToken.IsCancellationRequested || (ex is OperationCanceledException && !timeout.IsCancellationRequested))
            {
                throw;
            }
            throw new TimeoutException($"{what} got no answer within {bound}.", ex);
        }
    }

    /// <summary>
    /// Closes a connection in the background, once the operation last started on it has ended (see
    /// <see cref="_onConnection"/>): a dead one may hold a read that ends only when Npgsql breaks
    /// it, and the listener must reconnect meanwhile.
    /// </summary>
    private Task Abandon(NpgsqlConnection connection)
    {
        var pending = _onConnection;
        return Task.Run(async () =>
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Cancelled, timed out or broken: either way it no longer reads from the connection.
            }
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already broken: nothing is left to close.
            }
        });
    }
}
