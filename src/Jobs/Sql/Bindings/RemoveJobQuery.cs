using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>remove_job.sql: removes the job holding <paramref name="JobKey"/> through the schema's remove_job, within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record RemoveJobQuery(string JobKey, Guid? DatabaseId) : ISqlQuery
{
    public static string File => "remove_job";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(OrNull.Text(JobKey));
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}
