using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// The first three parameters of the schedule admin queries ($1 id, $2 key, $3 database id): one
/// schedule by id or by key, within a database or every database. The one place that knows their order.
/// </summary>
internal readonly record struct ScheduleSelection(long? Id, string? Key, Guid? DatabaseId)
{
    /// <summary><paramref name="selector"/> within <paramref name="databaseId"/> (null: every database).</summary>
    public static ScheduleSelection Of(ScheduleSelector selector, Guid? databaseId) => new(selector.Id, selector.Key, databaseId);

    /// <summary>Adds $1 to $3.</summary>
    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(OrNull.Bigint(Id));
        parameters.Add(OrNull.Text(Key));
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}
