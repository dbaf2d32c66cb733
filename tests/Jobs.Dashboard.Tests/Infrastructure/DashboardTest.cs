using System.Text;
using Jobs.Testing.Postgres;

namespace Jobs.Dashboard.Tests.Infrastructure;

/// <summary>
/// Base of the dashboard's endpoint tests: a fresh database per test, cloned from the template of
/// the schema shape a subclass names, and a client enqueueing for <see cref="DatabaseId"/>.
/// </summary>
public abstract class DashboardTest : IAsyncLifetime
{
    protected static readonly Guid DatabaseId = Guid.Parse("6f1f7a0e-3c1d-4b55-9d2e-8a1b2c3d4e5f");

    protected TestDatabase Database { get; private set; } = null!;

    protected JobsClient Client { get; private set; } = null!;

    /// <summary>The schema shape: <see cref="JobsTemplates.Installer"/> or <see cref="JobsTemplates.Pgpm"/>.</summary>
    protected abstract Task<DatabaseTemplate> TemplateAsync();

    public async Task InitializeAsync()
    {
        Database = await (await TemplateAsync()).CloneAsync();
        Client = new JobsClient(Database.DataSource, new JobsClientOptions { DatabaseId = DatabaseId });
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    protected async Task<JobRow> EnqueueAsync(string task, EnqueueOptions? options = null, string payload = "{}") =>
        await Client.EnqueueAsync(task, Encoding.UTF8.GetBytes(payload), options);

    protected async Task ExecuteAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
