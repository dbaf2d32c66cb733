using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>list_scheduled_jobs.sql: every schedule of <paramref name="DatabaseId"/> (null: every database), paused ones marked by <paramref name="PausedHolder"/>.</summary>
internal sealed record ListScheduledJobsQuery(Guid? DatabaseId, string PausedHolder) : ISqlQuery
{
    public static string File => "list_scheduled_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(OrNull.Uuid(DatabaseId));
        parameters.Add(new NpgsqlParameter<string> { TypedValue = PausedHolder });
    }
}
