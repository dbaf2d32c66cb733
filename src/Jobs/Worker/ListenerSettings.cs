namespace Jobs.Worker;

/// <summary>
/// How a loop's LISTEN connection is made and watched: where it connects (null: the loop's own
/// data source), how often an idle connection is pinged, and how long a ping (or opening and
/// LISTENing) may take before the connection counts as dead.
/// </summary>
internal sealed record ListenerSettings(string? ConnectionString, TimeSpan PingInterval, TimeSpan PingTimeout)
{
    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultPingTimeout = TimeSpan.FromSeconds(10);

    public static ListenerSettings Validated(string? connectionString, TimeSpan pingInterval, TimeSpan pingTimeout)
    {
        if (pingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("ListenerPingInterval must be positive.");
        }
        if (pingTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ListenerPingTimeout must be positive.");
        }
        if (connectionString is not null && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("ListenConnectionString is blank; leave it null to LISTEN through the main connection string.");
        }
        return new ListenerSettings(connectionString, pingInterval, pingTimeout);
    }
}
