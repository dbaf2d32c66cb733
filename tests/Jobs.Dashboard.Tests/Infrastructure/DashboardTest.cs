using System.Text;
using Jobs.Testing.Postgres;

namespace Jobs.Dashboard.Tests.Infrastructure;

/// <summary>
/// Base of the dashboard's endpoint tests: a database of the schema shape a subclass names, and a
/// client enqueueing for <see cref="DatabaseId"/>. Given a class's <see cref="DashboardDatabase"/>,
/// each test starts from it with its job, queue and schedule tables emptied and their ids
/// restarted; without one (tests that change the schema, such as installing the history), each
/// test gets a fresh database cloned from <see cref="TemplateAsync"/>.
/// </summary>
public abstract class DashboardTest(DashboardDatabase? classDatabase = null) : IAsyncLifetime
{
    protected static readonly Guid DatabaseId = Guid.Parse("6f1f7a0e-3c1d-4b55-9d2e-8a1b2c3d4e5f");

    protected TestDatabase Database { get; private set; } = null!;

    protected JobsClient Client { get; private set; } = null!;

    /// <summary>The schema shape of a database per test: <see cref="JobsTemplates.Installer"/> or <see cref="JobsTemplates.Pgpm"/>.</summary>
    protected virtual Task<DatabaseTemplate> TemplateAsync() =>
        throw new InvalidOperationException("A test without a class database names the template of its own.");

    public async ValueTask InitializeAsync()
    {
        if (classDatabase is null)
        {
            Database = await (await TemplateAsync()).CloneAsync();
        }
        else
        {
            Database = classDatabase.Database;
            await classDatabase.EmptyJobTablesAsync();
        }
        Client = new JobsClient(Database.DataSource, new JobsClientOptions { DatabaseId = DatabaseId });
    }

    // The class's database outlives the test.
    public async ValueTask DisposeAsync()
    {
        if (classDatabase is null)
        {
            await Database.DisposeAsync();
        }
    }

    protected async Task<JobRow> EnqueueAsync(string task, EnqueueOptions? options = null, string payload = "{}") =>
        await Client.EnqueueAsync(task, Encoding.UTF8.GetBytes(payload), options);

    protected async Task ExecuteAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
