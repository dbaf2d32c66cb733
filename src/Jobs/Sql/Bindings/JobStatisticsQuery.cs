using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>job_statistics.sql: counts of jobs per state and the oldest ready job, within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record JobStatisticsQuery(Guid? DatabaseId) : ISqlQuery
{
    public static string File => "job_statistics";

    public void Bind(NpgsqlParameterCollection parameters) => parameters.Add(OrNull.Uuid(DatabaseId));
}
