using Jobs.EndToEnd.Tests.Handlers;
using Jobs.EndToEnd.Tests.Infrastructure;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.Testing;
using Npgsql;

namespace Jobs.EndToEnd.Tests.Worker;

/// <summary>
/// A deliberate break accepted with [JobPayloadVersion]: payloads of every earlier version, already
/// in the table or written by SQL, reach the handler as the newest type through the chain of Upcast
/// methods; the newest is stamped with its version; a newer one than the worker knows fails
/// permanently with a message that says so, and stays in the table.
/// </summary>
public sealed class VersionedPayloadTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>, IAsyncLifetime
{
    private static readonly Guid DatabaseId = Guid.Parse("5b0f6a55-1c1e-4a8e-9d53-3f0a7c2e9b14");

    private WorkerHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WorkerHost.StartAsync(database.ConnectionString, DatabaseId);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_newest_version_is_stamped_on_enqueue_and_read_back_as_it_was()
    {
        var args = new ParcelArgs(new ParcelDestination("1 Main St", "10115"), 1250, "courier");

        var job = await _host.Client.EnqueueParcelAsync(args);

        Assert.Equal(args, await _host.Received.ForJobAsync<ParcelArgs>(job.Id));
        var written = System.Text.Encoding.UTF8.GetString(Jobs.Generated.JobsEndToEndTestsJobPayloads.SerializeParcelArgs(args).Span);
        Assert.Equal("{\"$version\":3,\"destination\":{\"street\":\"1 Main St\",\"postal_code\":\"10115\"},\"weight_grams\":1250,\"carrier\":\"courier\"}", written);
    }

    [Theory]
    // Version 1, from before the type was versioned: no "$version" at all.
    [InlineData("""{"address":"2 Old Rd","weight_kg":1.5}""", "2 Old Rd", 1500)]
    // Version 1 written with an explicit "$version", anywhere in the object.
    [InlineData("""{"weight_kg":0.25,"address":"3 Elm St","$version":1}""", "3 Elm St", 250)]
    // Version 2: whole grams.
    [InlineData("""{"$version":2,"address":"4 Oak Ave","weight_grams":900}""", "4 Oak Ave", 900)]
    public async Task Payloads_of_earlier_versions_reach_the_handler_upcast_to_the_newest(string payload, string street, int grams)
    {
        var id = await AddJobAsync(payload);

        var args = await _host.Received.ForJobAsync<ParcelArgs>(id);

        Assert.Equal(new ParcelArgs(new ParcelDestination(street, null), grams), args);
    }

    [Fact]
    public async Task A_payload_newer_than_the_worker_knows_fails_permanently_and_stays_in_the_table()
    {
        var id = await AddJobAsync("""{"$version":4,"destination":{"street":"5 Future Ln"},"weight_grams":1}""");

        await Eventually.TrueAsync(async () => (await _host.Admin.GetAsync(id))?.State == JobState.PermanentlyFailed, "the job to fail permanently");

        var job = (await _host.Admin.GetAsync(id))!;
        Assert.StartsWith("Jobs.JobPayloadException: The payload is version 4 of Jobs.EndToEnd.Tests.Payloads.ParcelArgs, newer than version 3, the newest this process reads", job.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"$version":"3","destination":{"street":"x"},"weight_grams":1}""")]
    [InlineData("""{"$version":0,"address":"x","weight_kg":1}""")]
    public async Task A_version_that_is_not_a_positive_integer_fails_permanently_naming_it(string payload)
    {
        var id = await AddJobAsync(payload);

        await Eventually.TrueAsync(async () => (await _host.Admin.GetAsync(id))?.State == JobState.PermanentlyFailed, "the job to fail permanently");

        Assert.StartsWith("Jobs.JobPayloadException: The payload's '$version' must be a positive integer.", (await _host.Admin.GetAsync(id))!.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void The_payload_schema_requires_the_version_it_describes()
    {
        var schema = new Jobs.Generated.JobsEndToEndTestsJobDispatcher().Tasks.Single(t => t.Name == "e2e_parcel").PayloadSchema;

        Assert.Contains("\"properties\":{\"$version\":{\"const\":3}},\"required\":[\"$version\"]", schema, StringComparison.Ordinal);
    }

    private async Task<long> AddJobAsync(string payload)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT id FROM app_jobs.add_job($1, 'e2e_parcel', $2::json, max_attempts => 5)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = DatabaseId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
