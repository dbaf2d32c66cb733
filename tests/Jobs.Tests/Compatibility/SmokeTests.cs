using Jobs.Tests.Infrastructure;

namespace Jobs.Tests.Compatibility;

public abstract class SmokeTests(SchemaDatabase database) : CompatibilityTest(database)
{
    [Fact]
    public async Task Add_job_then_get_job_returns_it_locked()
    {
        await using (var add = DataSource.CreateCommand("SELECT id FROM app_jobs.add_job(db_id => $1, identifier => 'smoke')"))
        {
            add.Parameters.Add(new() { Value = DatabaseId });
            await add.ExecuteScalarAsync();
        }
        await using var get = DataSource.CreateCommand("SELECT task_identifier, locked_by, attempts FROM app_jobs.get_job(worker_id => 'worker-1')");
        await using var reader = await get.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("smoke", reader.GetString(0));
        Assert.Equal("worker-1", reader.GetString(1));
        Assert.Equal(1, reader.GetInt32(2));
    }
}

public sealed class SmokeTestsOnInstaller(InstallerDatabase database) : SmokeTests(database), IClassFixture<InstallerDatabase>;

public sealed class SmokeTestsOnPgpm(PgpmDatabase database) : SmokeTests(database), IClassFixture<PgpmDatabase>;
