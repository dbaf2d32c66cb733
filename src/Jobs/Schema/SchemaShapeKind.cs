namespace Jobs.Schema;

/// <summary>Which family of app_jobs a schema belongs to, as read from its catalog.</summary>
public enum SchemaShapeKind
{
    /// <summary>Installed by this framework (it has the <c>jobs_migrations</c> table): the 0.16 shape plus our migrations.</summary>
    Installer,

    /// <summary>Deployed by pgpm from @pgpm/database-jobs 0.16 (SQL 0.15.3) or a schema shaped like it.</summary>
    Upstream016,

    /// <summary>
    /// Deployed by pgpm from @pgpm/database-jobs 0.47 or later: an <c>is_available</c> column, and
    /// an add_job that asserts attribution.
    /// </summary>
    Upstream047,
}
