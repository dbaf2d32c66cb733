using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// A throwaway PgBouncer in transaction pooling mode in front of a test database: config in a temp
/// folder, trust authentication, its own free port on 127.0.0.1. Debian's <c>pgbouncer</c> package
/// provides the binary (.ci/run installs it); as root it runs as <c>postgres</c>, since PgBouncer
/// refuses root. Dispose stops it and deletes the folder.
/// </summary>
public sealed class PgBouncer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PgBouncer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    /// <summary>The binary, or null when PgBouncer is not installed.</summary>
    public static string? Binary => new[] { "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer" }.FirstOrDefault(File.Exists);

    /// <summary>Why a test needing PgBouncer is skipped here, or null when it can run.</summary>
    public static string? SkipReason => Binary is null ? "PgBouncer is not installed (apt-get install pgbouncer; .ci/run installs it)." : null;

    public int Port { get; }

    /// <summary>The connection string to the same database through PgBouncer (pooling on the client side as given).</summary>
    public string Rewrite(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    /// <summary>Starts PgBouncer for the database of <paramref name="connectionString"/>, and waits until it accepts connections.</summary>
    public static async Task<PgBouncer> StartAsync(string connectionString)
    {
        var binary = Binary ?? throw new InvalidOperationException(SkipReason);
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var port = FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "jobs-pgbouncer-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var user = target.Username ?? "postgres";
        var password = target.Password is { Length: > 0 } p ? $" password={p}" : "";
        await File.WriteAllTextAsync(Path.Combine(folder, "users.txt"), $"\"{user}\" \"\"\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "pgbouncer.ini"), $"""
            [databases]
            {target.Database} = host={target.Host} port={target.Port} dbname={target.Database} user={user}{password}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {folder}/users.txt
            pool_mode = transaction
            default_pool_size = 4
            max_client_conn = 200
            ignore_startup_parameters = extra_float_digits,options
            logfile = {folder}/pgbouncer.log
            """);
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            await Jobs.Testing.ProcessRunner.RunAsync("chown", ["-R", runAs, folder], null, CancellationToken.None);
        }
        var start = runAs is null ? new ProcessStartInfo(binary) : new ProcessStartInfo("runuser");
        if (runAs is not null)
        {
            foreach (var argument in new[] { "-u", runAs, "--", binary })
            {
                start.ArgumentList.Add(argument);
            }
        }
        start.ArgumentList.Add(Path.Combine(folder, "pgbouncer.ini"));
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("PgBouncer did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bouncer = new PgBouncer(process, folder, port);
        try
        {
            await Jobs.Testing.Eventually.TrueAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"PgBouncer exited: {bouncer.Log()}");
                }
                await using var connection = new NpgsqlConnection(bouncer.Rewrite(connectionString) + ";Pooling=false");
                await connection.OpenAsync();
                return true;
            }, "PgBouncer to accept connections", TimeSpan.FromSeconds(20));
        }
        catch
        {
            await bouncer.DisposeAsync();
            throw;
        }
        return bouncer;
    }

    /// <summary>PgBouncer's log so far, for failure messages.</summary>
    public string Log()
    {
        var path = Path.Combine(_folder, "pgbouncer.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The tree: under root, PgBouncer is runuser's child.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>A theory that needs PgBouncer: skipped, with the reason, only where the binary is absent (.ci/run installs it).</summary>
public sealed class PgBouncerTheoryAttribute : TheoryAttribute
{
    public PgBouncerTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Skip = PgBouncer.SkipReason;
}
