using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>get_completed_job.sql: the records of job <paramref name="Id"/>, newest first, within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record GetCompletedJobQuery(long Id, Guid? DatabaseId) : ISqlQuery
{
    public static string File => "get_completed_job";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<long> { TypedValue = Id });
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}
