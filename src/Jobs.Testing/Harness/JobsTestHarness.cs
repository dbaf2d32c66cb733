using Jobs.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jobs.Testing;

/// <summary>
/// One test's own jobs database and the app's services over it: a fresh database cloned from a
/// template with the schema installed (tens of milliseconds once the template exists), the
/// services your configuration registers (your handlers through the generated
/// <c>Add…JobHandlers()</c>) on top of <c>AddJobs</c>, and assertions about what was enqueued.
/// No static state: tests may each create one and run in parallel. Dispose it at the end of the
/// test; the database is dropped.
/// </summary>
public sealed partial class JobsTestHarness : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;
    private readonly NpgsqlDataSource _dataSource;

    private JobsTestHarness(TestDatabase database, ServiceProvider services)
    {
        _database = database;
        _services = services;
        // The data source AddJobs registered: the app's code, the assertions and the workers share one pool.
        _dataSource = services.GetRequiredKeyedService<NpgsqlDataSource>(JobsServiceCollectionExtensions.JobsDataSourceKey);
        Admin = new JobsAdmin(_dataSource);
    }

    /// <summary>
    /// A harness over a new database. <paramref name="configureServices"/> registers what the code
    /// under test needs, after <c>AddJobs(ConnectionString)</c> (enqueueing for <see cref="DatabaseId"/>): your handlers
    /// (<c>services.AddMyAppJobHandlers()</c>), their dependencies, and any <c>JobsClientOptions</c>.
    /// </summary>
    public static async Task<JobsTestHarness> CreateAsync(Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        var template = await JobsTemplates.Installer().ConfigureAwait(false);
        var database = await template.CloneAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var services = new ServiceCollection();
            services.AddJobs(database.ConnectionString, options => options.DatabaseId = DatabaseId);
            configureServices?.Invoke(services);
            return new JobsTestHarness(database, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The database id (tenant) the harness's client enqueues for unless the configuration sets
    /// another (<c>services.Configure&lt;JobsClientOptions&gt;(...)</c>): app_jobs requires one.
    /// </summary>
    public static Guid DatabaseId { get; } = Guid.Parse("5e1f0d2c-7a3b-4c8d-9e0f-1a2b3c4d5e6f");

    /// <summary>The test database's connection string: give it to a <c>WebApplicationFactory</c>'s configuration, say.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>
    /// The harness's clock: a fake one, starting at the real time, that only
    /// <see cref="AdvanceTimeAsync"/> moves. The workers of <see cref="WorkAsync(long, CancellationToken)"/>
    /// and <see cref="DrainAsync"/> read it; register it as the app's <see cref="TimeProvider"/> to share it.
    /// </summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The services: <c>AddJobs</c> and what the configuration added.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The client the services hold: what your code enqueues with.</summary>
    public JobsClient Client => _services.GetRequiredService<JobsClient>();

    /// <summary>An admin seeing every database id of the test database: what the assertions read through.</summary>
    public JobsAdmin Admin { get; }

    /// <summary>Every job in the table, oldest first.</summary>
    public async Task<IReadOnlyList<JobRow>> GetJobsAsync(CancellationToken cancellationToken = default)
    {
        var jobs = await Admin.ListAsync(new JobListFilter { Limit = 10_000 }, cancellationToken).ConfigureAwait(false);
        jobs.Reverse();
        return jobs;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopSchedulerAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
        await _database.DisposeAsync().ConfigureAwait(false);
    }
}
