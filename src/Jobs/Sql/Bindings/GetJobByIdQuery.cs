using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>get_job_by_id.sql: the job <paramref name="Id"/>, within <paramref name="DatabaseId"/> (null: any database).</summary>
internal sealed record GetJobByIdQuery(long Id, Guid? DatabaseId) : ISqlQuery
{
    public static string File => "get_job_by_id";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<long> { TypedValue = Id });
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}
