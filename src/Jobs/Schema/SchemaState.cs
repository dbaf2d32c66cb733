namespace Jobs.Schema;

/// <summary>What the installer found in the database.</summary>
public enum SchemaState
{
    /// <summary>No jobs table in the schema: nothing is installed.</summary>
    Missing,

    /// <summary>Installed by this framework, with migrations still to apply.</summary>
    OutOfDate,

    /// <summary>Installed by this framework and fully migrated.</summary>
    UpToDate,

    /// <summary>Installed by this framework at a version newer than this build knows.</summary>
    Newer,

    /// <summary>Deployed by another tool (pgpm): the framework uses it and never changes it.</summary>
    ExternallyManaged,
}
