using Npgsql;

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
        parameters.Add(OrNull.Uuid(Attribution?.ActorId));
        parameters.Add(OrNull.Uuid(Attribution?.PrincipalId));
        parameters.Add(OrNull.Uuid(Attribution?.EntityId));
        parameters.Add(OrNull.Text(Attribution?.EntityType));
        parameters.Add(OrNull.Uuid(Attribution?.OrganizationId));
    }
}
