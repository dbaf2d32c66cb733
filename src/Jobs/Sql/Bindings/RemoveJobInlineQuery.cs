using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>remove_job_inline.sql: remove_job's rules in one statement, for the job holding <paramref name="JobKey"/>, within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record RemoveJobInlineQuery(string JobKey, Guid? DatabaseId) : ISqlQuery
{
    public static string File => "remove_job_inline";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(OrNull.Text(JobKey));
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}
