using BenchmarkDotNet.Attributes;
using Jobs;
using Jobs.Generated;
using Jobs.Schema;
using Npgsql;

namespace JobsBench;

/// <summary>
/// What one job allocates on its way through the client and back out of the database: a typed
/// enqueue (one, and 100 in one call), and a stored row read back and handed to the generated
/// reader, as the worker hands a fetched job to its handler. Needs a PostgreSQL server:
/// JOBS_DATABASE_URL (a throwaway database is created on it and dropped afterwards).
/// <c>dotnet run -c Release --project benchmarks/Jobs.Benchmarks -- --filter '*JobPath*'</c>
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("JobPath")]
public class JobPathBenchmarks
{
    private const string Database = "jobs_allocation_bench";

    private readonly EmailPayload _payload = PayloadBenchmarks.Email;
    private readonly EmailPayload[] _hundred = Enumerable.Repeat(PayloadBenchmarks.Email, 100).ToArray();
    private NpgsqlDataSource _dataSource = null!;
    private JobsClient _client = null!;
    private JobsAdmin _admin = null!;
    private long _storedId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var server = Environment.GetEnvironmentVariable("JOBS_DATABASE_URL")
            ?? throw new InvalidOperationException("JobPathBenchmarks needs JOBS_DATABASE_URL: a PostgreSQL server it may create a database on.");
        await RecreateDatabaseAsync(server, create: true);
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStrings.Normalize(server)) { Database = Database };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await new SchemaInstaller(_dataSource).InstallAsync();
        var options = new JobsClientOptions { DatabaseId = Guid.Parse("00000000-0000-0000-0000-00000000c0de") };
        _client = new JobsClient(_dataSource, options);
        _admin = new JobsAdmin(_dataSource, options);
        _storedId = (await _client.EnqueueSendEmailAsync(_payload)).Id;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _dataSource.DisposeAsync();
        await RecreateDatabaseAsync(Environment.GetEnvironmentVariable("JOBS_DATABASE_URL")!, create: false);
    }

    // Results are plain values: BenchmarkDotNet's generated runner would resolve Jobs.JobRow to
    // BenchmarkDotNet.Jobs.

    [Benchmark]
    public async Task<long> Enqueue_one() => (await _client.EnqueueSendEmailAsync(_payload)).Id;

    [Benchmark(OperationsPerInvoke = 100)]
    public async Task<int> Enqueue_many_per_job() => (await _client.EnqueueManySendEmailAsync(_hundred)).Count;

    [Benchmark]
    public async Task<EmailPayload> Read_row_and_payload()
    {
        var row = await _admin.GetAsync(_storedId) ?? throw new InvalidOperationException("The stored job is gone.");
        return JobsBenchmarksJobPayloads.DeserializeEmailPayload(row.PayloadUtf8.Span);
    }

    private static async Task RecreateDatabaseAsync(string server, bool create)
    {
        await using var connection = new NpgsqlConnection(ConnectionStrings.Normalize(server));
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }
        if (create)
        {
            await using var make = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await make.ExecuteNonQueryAsync();
        }
    }
}
