using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>
/// Base of the tests of the commands that operate on jobs: a database with Jobs' schema, a client
/// to enqueue with, and helpers to run <c>jobs</c> against it. Given a class's
/// <see cref="InstallerDatabase"/>, each test starts from that database with its job, queue and
/// schedule tables emptied and their ids restarted; without one (tests that change more than rows,
/// such as the functions <c>jobs schema</c> reads), each test gets a fresh database of its own.
/// </summary>
public abstract class JobsTest(InstallerDatabase? classDatabase = null) : IAsyncLifetime
{
    protected static readonly Guid DatabaseId = Guid.Parse("0d6c1b1e-8d1f-4b7e-9a43-0f4c2d3b9a11");

    protected static readonly Guid OtherDatabaseId = Guid.Parse("5c2e8a41-9b3d-4f7e-a1c6-2d8e4f6a0b13");

    private TestDatabase? _database;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    protected JobsClient Client { get; private set; } = null!;

    protected JobsAdmin Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (classDatabase is null)
        {
            _database = await (await JobsTemplates.Installer()).CloneAsync();
        }
        else
        {
            _database = classDatabase.Database;
            await classDatabase.EmptyJobTablesAsync();
        }
        Client = new JobsClient(Database.DataSource, new JobsClientOptions { DatabaseId = DatabaseId });
        Admin = new JobsAdmin(Database.DataSource);
    }

    public async ValueTask DisposeAsync()
    {
        // The class's database outlives the test.
        if (classDatabase is null && _database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Runs <c>jobs</c> with <paramref name="args"/> and <c>--connection</c> to this test's database.</summary>
    protected Task<CliRun> JobsAsync(params string[] args) => CliRun.RunAsync([.. args, "--connection", Database.ConnectionString]);

    /// <summary>As <see cref="JobsAsync"/>, on a terminal that answers a prompt with <paramref name="stdin"/>.</summary>
    protected Task<CliRun> JobsOnTerminalAsync(string stdin, params string[] args) =>
        CliRun.RunAsync(new CliTerminal(stdin, InputIsTerminal: true, OutputIsTerminal: true), Connections.Environment(), [.. args, "--connection", Database.ConnectionString]);

    protected Task<JobRow> EnqueueAsync(string task, EnqueueOptions? options = null, string payload = "{}") =>
        Client.EnqueueAsync(task, System.Text.Encoding.UTF8.GetBytes(payload), options);

    /// <summary>Has <paramref name="worker"/> take the next job of <paramref name="task"/>, as a worker would.</summary>
    protected Task TakeAsync(string worker, string task) =>
        ExecuteAsync("SELECT app_jobs.get_job(worker_id => $1, task_identifiers => ARRAY[$2])", worker, task);

    /// <summary>Makes the locks of <paramref name="worker"/> look two hours old, as a dead worker's would.</summary>
    protected Task AgeLocksAsync(string worker) => ExecuteAsync("""
        UPDATE app_jobs.jobs SET locked_at = now() - interval '2 hours' WHERE locked_by = $1;
        UPDATE app_jobs.job_queues SET locked_at = now() - interval '2 hours' WHERE locked_by = $1;
        """.Replace("$1", "'" + worker + "'", StringComparison.Ordinal));

    protected async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync();
    }
}
