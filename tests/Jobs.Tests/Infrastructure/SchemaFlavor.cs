namespace Jobs.Tests.Infrastructure;

/// <summary>Where a test database's app_jobs schema came from.</summary>
public enum SchemaFlavor
{
    /// <summary>This framework's own installer.</summary>
    Installer,

    /// <summary>The genuine @pgpm/database-jobs SQL, as pgpm deploys it.</summary>
    Pgpm,

    /// <summary>The 0.47-shaped schema written from upstream's published SQL, standalone (see Upstream047Schema.sql).</summary>
    Upstream047,
}
