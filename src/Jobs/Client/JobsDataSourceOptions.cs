namespace Jobs;

/// <summary>How <see cref="JobsDataSource"/> sets up the connections it makes.</summary>
public sealed class JobsDataSourceOptions
{
    /// <summary>
    /// The connection string points at a transaction-pooling PgBouncer (or a pooler like it), not at
    /// PostgreSQL itself; default false. Then statements are not prepared automatically (PgBouncer
    /// before 1.21 cannot carry them across pooled server connections; a connection string that
    /// sets <c>Max Auto Prepare</c> still wins, for PgBouncer 1.21+ with <c>max_prepared_statements</c>),
    /// connections are not reset with DISCARD ALL on return to the pool, and a worker or scheduler on
    /// this data source refuses to start unless its LISTEN connection goes direct
    /// (<see cref="JobsWorkerOptions.ListenConnectionString"/>) or LISTEN is off.
    /// </summary>
    public bool BehindPooler { get; set; }
}
