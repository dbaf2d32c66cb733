using Jobs.EndToEnd.Tests.Handlers;
using Jobs.EndToEnd.Tests.Infrastructure;
using Jobs.EndToEnd.Tests.Payloads;
using Jobs.EndToEnd.Tests.Serialization;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Jobs.EndToEnd.Tests.Infrastructure.Equivalence;

namespace Jobs.EndToEnd.Tests.Worker;

/// <summary>
/// Issue 10's two silent losses from the user's side: enqueued from .NET or inserted by SQL in
/// snake_case, the handler gets every [JsonInclude] non-public member and every context-served
/// line back.
/// </summary>
public sealed class FidelityWorkerTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>, IAsyncLifetime
{
    private static readonly Guid DatabaseId = Guid.Parse("0c7e9f52-21d4-4b3e-8a2f-6e1d9b4c5a77");

    private WorkerHost _host = null!;

    private JobsClient Client => _host.Client;

    private Received Received => _host.Received;

    public async ValueTask InitializeAsync() => _host = await WorkerHost.StartAsync(database.ConnectionString, DatabaseId);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Enqueued_from_dotnet_the_handler_gets_every_non_public_member_and_line()
    {
        var args = FidelityEquivalenceTests.Args.Single();

        var job = await Client.EnqueueFidelityAsync(args);

        // What System.Text.Json reads back from its own bytes (Plain, without [JsonInclude], is not read).
        SameValue(System.Text.Json.JsonSerializer.Deserialize<FidelityArgs>(Reference(args), SnakeCase)!, await Received.ForJobAsync<FidelityArgs>(job.Id));
        Assert.Equal(args.Hidden.Secret, (await Received.ForJobAsync<FidelityArgs>(job.Id)).Hidden.Secret);
    }

    [Fact]
    public async Task Inserted_by_SQL_in_snake_case_the_handler_gets_the_same_values()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT id FROM app_jobs.add_job($1, 'e2e_fidelity', json_build_object(
              'hidden', json_build_object('secret', 's3cret', 'counter', 4, 'stamp', 'st', 'hidden', 'h', 'blind', 'b', 'internal', 9, 'plain', 'p'),
              'point', json_build_object('x', 1, 'y', 2),
              'made', json_build_object('name', 'n', 'size', 5),
              'lines', (SELECT json_agg(row_to_json(l)) FROM (VALUES ('a', 2, 1.5::numeric), ('b', 1, 0.25::numeric)) AS l(sku, qty, price))))
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = DatabaseId });
        var id = (long)(await command.ExecuteScalarAsync())!;

        var args = await Received.ForJobAsync<FidelityArgs>(id);

        Assert.Equal(("s3cret", 4, "st", "h", "b", 9L, ""), (args.Hidden.Secret, args.Hidden.Counter, args.Hidden.Stamp, args.Hidden.HiddenValue(), args.Hidden.BlindValue(), args.Hidden.Internal, args.Hidden.Plain));
        Assert.Equal((1, 2, "n", 5), (args.Point.X, args.Point.Y, args.Made.Name, args.Made.Size));
        Assert.Equal(new HashSet<FidelityLine> { new("a", 2, 1.5m), new("b", 1, 0.25m) }, args.Lines);
    }
}
