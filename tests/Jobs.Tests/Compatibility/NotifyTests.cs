using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Compatibility;

public abstract class NotifyTests(SchemaDatabase database) : CompatibilityTest(database)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Add_job_notifies_the_jobs_insert_channel()
    {
        await using var listener = await Listener.StartAsync(DataSource, "jobs:insert");

        await DataSource.AddJobAsync("work");

        Assert.Equal(("jobs:insert", ""), await listener.NextAsync());
    }

    [Fact]
    public async Task A_direct_insert_into_jobs_notifies_the_jobs_insert_channel()
    {
        await using var listener = await Listener.StartAsync(DataSource, "jobs:insert");

        await DataSource.ExecuteAsync("INSERT INTO app_jobs.jobs (database_id, task_identifier, queue_name) VALUES ($1, 'raw', NULL)", DatabaseId);

        Assert.Equal(("jobs:insert", ""), await listener.NextAsync());
    }

    [Fact]
    public async Task Add_scheduled_job_notifies_the_scheduled_jobs_insert_channel()
    {
        await using var listener = await Listener.StartAsync(DataSource, "scheduled_jobs:insert");

        await DataSource.AddScheduledJobAsync("nightly", scheduleInfo: """{"hour": [2], "minute": [0]}""");

        Assert.Equal(("scheduled_jobs:insert", ""), await listener.NextAsync());
    }

    [Fact]
    public async Task Jobs_and_scheduled_jobs_notify_on_their_own_channels()
    {
        await using var listener = await Listener.StartAsync(DataSource, "jobs:insert", "scheduled_jobs:insert");

        var schedule = await DataSource.AddScheduledJobAsync("nightly");
        await DataSource.AddJobAsync("work");
        await DataSource.RunScheduledJobAsync(schedule.Id);

        Assert.Equal("scheduled_jobs:insert", (await listener.NextAsync()).Channel);
        Assert.Equal("jobs:insert", (await listener.NextAsync()).Channel);
        Assert.Equal("jobs:insert", (await listener.NextAsync()).Channel);
    }

    // A connection of its own that LISTENs, and hands out what it received in order.
    private sealed class Listener : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly Queue<(string Channel, string Payload)> _received = new();

        private Listener(NpgsqlConnection connection)
        {
            _connection = connection;
            _connection.Notification += (_, e) => _received.Enqueue((e.Channel, e.Payload));
        }

        public static async Task<Listener> StartAsync(NpgsqlDataSource dataSource, params string[] channels)
        {
            var listener = new Listener(await dataSource.OpenConnectionAsync());
            foreach (var channel in channels)
            {
                await using var command = new NpgsqlCommand($"LISTEN \"{channel}\"", listener._connection);
                await command.ExecuteNonQueryAsync();
            }
            return listener;
        }

        public async Task<(string Channel, string Payload)> NextAsync()
        {
            while (_received.Count == 0)
            {
                Assert.True(await _connection.WaitAsync(Timeout), $"No notification within {Timeout}.");
            }
            return _received.Dequeue();
        }

        public async ValueTask DisposeAsync()
        {
            await using (var command = new NpgsqlCommand("UNLISTEN *", _connection))
            {
                await command.ExecuteNonQueryAsync();
            }
            await _connection.DisposeAsync();
        }
    }
}

public sealed class NotifyTestsOnInstaller(InstallerDatabase database) : NotifyTests(database), IClassFixture<InstallerDatabase>;

public sealed class NotifyTestsOnPgpm(PgpmDatabase database) : NotifyTests(database), IClassFixture<PgpmDatabase>;
