namespace Jobs;

/// <summary>
/// Who a job is done for, as 0.47's add_job records it (actor_id, principal_id, entity_id,
/// entity_type, organization_id). A schema with strict attribution needs an actor or an entity
/// (entity id and type together). Values left null are not passed, so add_job takes them from the
/// transaction's claims (<c>jwt.claims.user_id</c>, <c>jwt.claims.entity_id</c>, ...).
/// </summary>
public sealed record JobAttribution
{
    /// <summary>The user the job is done for (add_job's <c>actor_id</c>).</summary>
    public Guid? ActorId { get; init; }

    /// <summary>The principal acting, when it differs from the actor, e.g. an API key (<c>principal_id</c>).</summary>
    public Guid? PrincipalId { get; init; }

    /// <summary>The entity the job is billed to (<c>entity_id</c>); needs <see cref="EntityType"/>.</summary>
    public Guid? EntityId { get; init; }

    /// <summary>What kind of entity <see cref="EntityId"/> is: org, team, app, ... (<c>entity_type</c>).</summary>
    public string? EntityType { get; init; }

    /// <summary>The organisation the job is attributed to (<c>organization_id</c>).</summary>
    public Guid? OrganizationId { get; init; }

    /// <summary>True when no value is set.</summary>
    public bool IsEmpty => ActorId is null && PrincipalId is null && EntityId is null && EntityType is null && OrganizationId is null;
}
