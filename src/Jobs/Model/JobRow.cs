namespace Jobs;

/// <summary>One row of <c>app_jobs.jobs</c>, as stored.</summary>
public sealed record JobRow
{
    /// <summary>The job's id.</summary>
    public required long Id { get; init; }

    /// <summary>The tenant the job belongs to.</summary>
    public required Guid DatabaseId { get; init; }

    /// <summary>The named queue; null when the job runs in parallel with any other.</summary>
    public string? QueueName { get; init; }

    /// <summary>The task name the worker dispatches on.</summary>
    public required string TaskIdentifier { get; init; }

    private readonly Utf8Payload _payload = Utf8Payload.EmptyObject;

    /// <summary>The payload as JSON text, decoded from <see cref="PayloadUtf8"/> on first use; <c>{}</c> unless given.</summary>
    public string Payload
    {
        get => _payload.Text;
        init => _payload = new Utf8Payload(value);
    }

    /// <summary>The payload as UTF-8 JSON, as the worker reads it from the database; <c>{}</c> unless given (copied when given).</summary>
    public ReadOnlyMemory<byte> PayloadUtf8
    {
        get => _payload.Bytes;
        init => _payload = new Utf8Payload(value.ToArray());
    }

    /// <summary>The payload bytes as read, not copied: for the row readers, whose arrays nobody else holds.</summary>
    internal Utf8Payload StoredPayload
    {
        init => _payload = value;
    }

    /// <summary>Lower runs first.</summary>
    public int Priority { get; init; }

    /// <summary>When the job is due (for a failed job, when it is retried).</summary>
    public DateTimeOffset RunAt { get; init; }

    /// <summary>How many times a worker has taken the job.</summary>
    public int Attempts { get; init; }

    /// <summary>After this many attempts the job is permanently failed.</summary>
    public int MaxAttempts { get; init; }

    /// <summary>The job key, unique among jobs, when given.</summary>
    public string? Key { get; init; }

    /// <summary>The last failure's message.</summary>
    public string? LastError { get; init; }

    /// <summary>When a worker took the job; null when not running.</summary>
    public DateTimeOffset? LockedAt { get; init; }

    /// <summary>The worker holding the job.</summary>
    public string? LockedBy { get; init; }

    /// <summary>When the job was inserted.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the job row last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The user the job is done for (0.47's <c>actor_id</c>); null where the schema has no such column.</summary>
    public Guid? ActorId { get; init; }

    /// <summary>The principal that acted, e.g. an API key (0.47's <c>principal_id</c>); null where the schema has no such column.</summary>
    public Guid? PrincipalId { get; init; }

    /// <summary>The entity the job is billed to (0.47's <c>entity_id</c>); null where the schema has no such column.</summary>
    public Guid? EntityId { get; init; }

    /// <summary>What kind of entity <see cref="EntityId"/> is (0.47's <c>entity_type</c>); null where the schema has no such column.</summary>
    public string? EntityType { get; init; }

    /// <summary>The organisation the job is attributed to (0.47's <c>organization_id</c>); null where the schema has no such column.</summary>
    public Guid? OrganizationId { get; init; }

    /// <summary>The function definition the job runs for (0.47's <c>function_definition_id</c>); null where the schema has no such column.</summary>
    public Guid? FunctionDefinitionId { get; init; }

    /// <summary>Where that function definition lives (0.47's <c>definition_scope</c>); null where the schema has no such column.</summary>
    public string? DefinitionScope { get; init; }

    /// <summary>The job's state, derived as the worker sees it.</summary>
    public JobState State => LockedAt is not null ? JobState.Running
        : Attempts >= MaxAttempts ? JobState.PermanentlyFailed
        : Attempts > 0 && LastError is not null ? JobState.Failing
        : RunAt > DateTimeOffset.UtcNow ? JobState.Scheduled
        : JobState.Ready;
}
