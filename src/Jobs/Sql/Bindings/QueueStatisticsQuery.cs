using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>queue_statistics.sql: named queues with their job counts and locks, within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record QueueStatisticsQuery(Guid? DatabaseId) : ISqlQuery
{
    public static string File => "queue_statistics";

    public void Bind(NpgsqlParameterCollection parameters) => parameters.Add(OrNull.Uuid(DatabaseId));
}
