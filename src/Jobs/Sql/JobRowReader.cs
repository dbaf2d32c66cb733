using System.Data.Common;
using static Jobs.Sql.RowReader;

namespace Jobs.Sql;

/// <summary>
/// Reads jobs rows by column name, so schemas with more columns (0.47 and later) work; their
/// attribution columns are read where present.
/// Ordinals are looked up once per result set.
/// </summary>
internal sealed class JobRowReader : IRowReader<JobRowReader, JobRow>
{
    private readonly int _id, _databaseId, _queueName, _task, _payload, _priority, _runAt, _attempts,
        _maxAttempts, _key, _lastError, _lockedAt, _lockedBy, _createdAt, _updatedAt,
        _actorId, _principalId, _entityId, _entityType, _organizationId, _functionDefinitionId, _definitionScope;

    public JobRowReader(DbDataReader reader)
    {
        _id = reader.GetOrdinal("id");
        _databaseId = reader.GetOrdinal("database_id");
        _queueName = reader.GetOrdinal("queue_name");
        _task = reader.GetOrdinal("task_identifier");
        _payload = reader.GetOrdinal("payload");
        _priority = reader.GetOrdinal("priority");
        _runAt = reader.GetOrdinal("run_at");
        _attempts = reader.GetOrdinal("attempts");
        _maxAttempts = reader.GetOrdinal("max_attempts");
        _key = reader.GetOrdinal("key");
        _lastError = reader.GetOrdinal("last_error");
        _lockedAt = reader.GetOrdinal("locked_at");
        _lockedBy = reader.GetOrdinal("locked_by");
        _createdAt = Optional(reader, "created_at");
        _updatedAt = Optional(reader, "updated_at");
        // 0.47's attribution columns; absent from 0.16 schemas and from queries that name columns.
        _actorId = Optional(reader, "actor_id");
        _principalId = Optional(reader, "principal_id");
        _entityId = Optional(reader, "entity_id");
        _entityType = Optional(reader, "entity_type");
        _organizationId = Optional(reader, "organization_id");
        _functionDefinitionId = Optional(reader, "function_definition_id");
        _definitionScope = Optional(reader, "definition_scope");
    }

    /// <inheritdoc />
    public static JobRowReader Create(DbDataReader reader) => new(reader);

    /// <summary>The row under the reader, or null when it is the all-NULL row a function returns for "none".</summary>
    public JobRow? Read(DbDataReader reader)
    {
        if (reader.IsDBNull(_id))
        {
            return null;
        }
        return new JobRow
        {
            Id = reader.GetInt64(_id),
            DatabaseId = reader.GetGuid(_databaseId),
            QueueName = NullableString(reader, _queueName),
            TaskIdentifier = reader.GetString(_task),
            // Bytes, as the generated readers take them; JobRow decodes the text only if asked.
            StoredPayload = new Utf8Payload(reader.GetFieldValue<byte[]>(_payload)),
            Priority = reader.GetInt32(_priority),
            RunAt = Timestamp(reader, _runAt),
            Attempts = reader.GetInt32(_attempts),
            MaxAttempts = reader.GetInt32(_maxAttempts),
            Key = NullableString(reader, _key),
            LastError = NullableString(reader, _lastError),
            LockedAt = NullableTimestamp(reader, _lockedAt),
            LockedBy = NullableString(reader, _lockedBy),
            CreatedAt = _createdAt < 0 ? null : NullableTimestamp(reader, _createdAt),
            UpdatedAt = _updatedAt < 0 ? null : NullableTimestamp(reader, _updatedAt),
            ActorId = NullableGuid(reader, _actorId),
            PrincipalId = NullableGuid(reader, _principalId),
            EntityId = NullableGuid(reader, _entityId),
            EntityType = _entityType < 0 ? null : NullableString(reader, _entityType),
            OrganizationId = NullableGuid(reader, _organizationId),
            FunctionDefinitionId = NullableGuid(reader, _functionDefinitionId),
            DefinitionScope = _definitionScope < 0 ? null : NullableString(reader, _definitionScope),
        };
    }

    /// <summary>Reads every row of the current result set.</summary>
    public static Task<List<JobRow>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        RowReader.ReadAllAsync<JobRowReader, JobRow>(reader, cancellationToken);
}
