using Npgsql;
using NpgsqlTypes;

namespace Jobs.Sql.Bindings;

/// <summary>
/// scheduled_job_is_current.sql: true when the row keyed <see cref="ScheduledJobValues.Key"/> already
/// holds <paramref name="Values"/> and, of <paramref name="Attribution"/>, every value given.
/// </summary>
internal sealed record ScheduledJobIsCurrentQuery(ScheduledJobValues Values, JobAttribution? Attribution) : ISqlQuery
{
    public static string File => "scheduled_job_is_current";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        Values.Bind(parameters);
        parameters.Add(Nullable(Attribution?.ActorId, NpgsqlDbType.Uuid));
        parameters.Add(Nullable(Attribution?.PrincipalId, NpgsqlDbType.Uuid));
        parameters.Add(Nullable(Attribution?.EntityId, NpgsqlDbType.Uuid));
        parameters.Add(Nullable(Attribution?.EntityType, NpgsqlDbType.Text));
        parameters.Add(Nullable(Attribution?.OrganizationId, NpgsqlDbType.Uuid));
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
