using Jobs.Tests.Infrastructure;
using Npgsql;

namespace Jobs.Tests.Compatibility;

public abstract class TimestampTests(SchemaDatabase database) : CompatibilityTest(database)
{
    [Fact]
    public async Task An_update_changes_updated_at_and_keeps_created_at()
    {
        var job = await DataSource.AddJobAsync("work");

        await DataSource.ExecuteAsync(
            "UPDATE app_jobs.jobs SET priority = 5, created_at = '2000-01-01T00:00:00Z' WHERE id = $1", job.Id);

        var stored = await DataSource.FindJobAsync(job.Id);
        Assert.Equal(job.CreatedAt, stored?.CreatedAt);
        Assert.True(stored?.UpdatedAt > job.UpdatedAt, $"updated_at {stored?.UpdatedAt:O} is not after {job.UpdatedAt:O}");
    }

    [Fact]
    public async Task Updated_at_grows_by_at_least_a_millisecond_per_update_within_one_transaction()
    {
        var job = await DataSource.AddJobAsync("work");
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var stamps = new List<DateTime>();
        for (var i = 0; i < 3; i++)
        {
            await using var command = new NpgsqlCommand("UPDATE app_jobs.jobs SET priority = priority + 1 WHERE id = $1 RETURNING updated_at", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = job.Id });
            stamps.Add((DateTime)(await command.ExecuteScalarAsync())!);
        }
        await transaction.CommitAsync();

        Assert.True(stamps[1] - stamps[0] >= TimeSpan.FromMilliseconds(1), $"{stamps[0]:O} then {stamps[1]:O}");
        Assert.True(stamps[2] - stamps[1] >= TimeSpan.FromMilliseconds(1), $"{stamps[1]:O} then {stamps[2]:O}");
    }

    [Fact]
    public async Task An_insert_sets_created_at_and_updated_at_to_now_whatever_is_given()
    {
        var before = await DataSource.NowAsync();

        var id = await DataSource.ScalarAsync<long>(
            """
            INSERT INTO app_jobs.jobs (database_id, task_identifier, queue_name, created_at, updated_at)
            VALUES ($1, 'raw', NULL, '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z') RETURNING id
            """,
            DatabaseId);

        var stored = await DataSource.FindJobAsync(id);
        Assert.InRange(stored!.CreatedAt!.Value, before, await DataSource.NowAsync());
        Assert.Equal(stored.CreatedAt, stored.UpdatedAt);
    }
}

public sealed class TimestampTestsOnInstaller(InstallerDatabase database) : TimestampTests(database), IClassFixture<InstallerDatabase>;

public sealed class TimestampTestsOnPgpm(PgpmDatabase database) : TimestampTests(database), IClassFixture<PgpmDatabase>;
