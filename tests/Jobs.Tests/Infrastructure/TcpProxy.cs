using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of PostgreSQL (or anything), whose network the test controls:
/// <list type="bullet">
/// <item><see cref="Freeze"/>: no byte moves either way; sockets stay open, bytes wait in the
/// buffers and flow again on <see cref="Restore"/> (a stalled network). New connections are
/// accepted and wait too.</item>
/// <item><see cref="Blackhole"/>: every byte is read and dropped silently; sockets stay open and
/// new connections are accepted, but nothing reaches the other side (a silent network drop).
/// <see cref="Restore"/> resets the connections that lost bytes, as TCP would once its
/// retransmissions gave up; the others carry on.</item>
/// <item><see cref="Kill"/>: resets every open connection at once (RST); the mode stays.</item>
/// <item><see cref="Restore"/>: forwards again.</item>
/// </list>
/// Point a client at it with <see cref="Rewrite"/>. Dispose to close everything.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly EndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly List<Link> _links = [];
    private TaskCompletionSource _flowing = Flowing(open: true);
    private ProxyMode _mode;
    private readonly Task _accepting;

    private TcpProxy(EndPoint upstream)
    {
        _upstream = upstream;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>What the proxy does with bytes now.</summary>
    public ProxyMode Mode
    {
        get
        {
            lock (_gate)
            {
                return _mode;
            }
        }
    }

    /// <summary>The local port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections open through the proxy now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _links.Count;
            }
        }
    }

    /// <summary>Starts a proxy to <paramref name="host"/>:<paramref name="port"/>, forwarding.</summary>
    public static TcpProxy Start(string host, int port) =>
        new(IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port));

    /// <summary>Starts a proxy to the host and port of a PostgreSQL connection string.</summary>
    public static TcpProxy ForConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return Start(builder.Host ?? "127.0.0.1", builder.Port);
    }

    /// <summary>The connection string, through this proxy (host and port replaced; pooling as given).</summary>
    public string Rewrite(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    /// <summary>Stops every byte, keeping sockets open; see the class summary.</summary>
    public void Freeze() => Switch(ProxyMode.Frozen);

    /// <summary>Drops every byte silently, keeping sockets open; see the class summary.</summary>
    public void Blackhole() => Switch(ProxyMode.Blackholed);

    /// <summary>Forwards again; connections that lost bytes in a blackhole are reset.</summary>
    public void Restore()
    {
        Link[] lossy;
        lock (_gate)
        {
            lossy = _links.Where(l => l.LostBytes).ToArray();
        }
        foreach (var link in lossy)
        {
            link.Reset();
        }
        Switch(ProxyMode.Forwarding);
    }

    /// <summary>Resets every open connection (the client sees a connection reset).</summary>
    public void Kill()
    {
        Link[] all;
        lock (_gate)
        {
            all = [.. _links];
        }
        foreach (var link in all)
        {
            link.Reset();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Kill();
        lock (_gate)
        {
            _flowing.TrySetResult();
        }
        try
        {
            await _accepting;
        }
        catch (Exception)
        {
            // Stopping the listener ends the accept loop with an error.
        }
        _stop.Dispose();
    }

    private void Switch(ProxyMode mode)
    {
        lock (_gate)
        {
            _mode = mode;
            if (mode == ProxyMode.Frozen)
            {
                if (_flowing.Task.IsCompleted)
                {
                    _flowing = Flowing(open: false);
                }
            }
            else
            {
                _flowing.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Flowing(bool open)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            source.SetResult();
        }
        return source;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_upstream, _stop.Token);
        }
        catch (Exception)
        {
            server.Dispose();
            client.Dispose();
            return;
        }
        var link = new Link(client, server);
        lock (_gate)
        {
            _links.Add(link);
        }
        try
        {
            await Task.WhenAny(PumpAsync(link, client, server), PumpAsync(link, server, client));
        }
        finally
        {
            lock (_gate)
            {
                _links.Remove(link);
            }
            link.Reset();
        }
    }

    /// <summary>Copies one direction; before each write it waits while frozen, and drops the bytes while blackholed.</summary>
    private async Task PumpAsync(Link link, Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                Task flowing;
                lock (_gate)
                {
                    flowing = _flowing.Task;
                }
                // Frozen: stop reading too, so the sender's buffers fill as on a stalled network.
                await flowing;
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }
                lock (_gate)
                {
                    flowing = _flowing.Task;
                }
                await flowing;
                if (Mode == ProxyMode.Blackholed)
                {
                    link.LostBytes = true;
                    continue;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception)
        {
            // Reset, closed or disposed: the link ends.
        }
    }

    private sealed class Link(Socket client, Socket server)
    {
        private int _reset;

        public bool LostBytes { get; set; }

        /// <summary>Closes both sides with RST (linger 0), so each peer sees a reset, not an orderly close.</summary>
        public void Reset()
        {
            if (Interlocked.Exchange(ref _reset, 1) == 1)
            {
                return;
            }
            foreach (var socket in new[] { client, server })
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                catch (Exception)
                {
                    // Already closed.
                }
            }
        }
    }
}

/// <summary>What a <see cref="TcpProxy"/> does with bytes.</summary>
public enum ProxyMode
{
    /// <summary>Forwards both ways.</summary>
    Forwarding,

    /// <summary>Holds every byte; sockets stay open.</summary>
    Frozen,

    /// <summary>Drops every byte; sockets stay open.</summary>
    Blackholed,
}
