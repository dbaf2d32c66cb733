using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// copy_jobs.sql: the binary COPY of keyless jobs; no parameters (the rows are written to the
/// importer, in the file's column order, by <see cref="KeylessBulkInsert"/>).
/// </summary>
internal sealed record CopyJobsQuery : ISqlQuery
{
    public static string File => "copy_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
    }
}
