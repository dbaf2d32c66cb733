namespace Jobs;

/// <summary>What the worker needs to know about one task.</summary>
/// <param name="Name">The task identifier stored in app_jobs.jobs.</param>
/// <param name="Timeout">How long one run may take before it is cancelled and failed; null for the worker's default.</param>
public sealed record JobTaskDescriptor(string Name, TimeSpan? Timeout = null)
{
    /// <summary>
    /// A descriptor whose payloads are <typeparamref name="TPayload"/>, read by <paramref name="read"/>
    /// and described by <paramref name="payloadSchema"/>, enqueued from SQL through <paramref name="sqlFunction"/>:
    /// what the generated dispatchers register for each handler.
    /// </summary>
    public static JobTaskDescriptor Of<TPayload>(string name, TimeSpan? timeout, JobPayloadRead<TPayload> read, string? payloadSchema = null, JobSqlFunction? sqlFunction = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        return new JobTaskDescriptor(name, timeout) { PayloadType = typeof(TPayload), ReadPayload = json => read(json), PayloadSchema = payloadSchema, SqlFunction = sqlFunction };
    }

    /// <summary>
    /// The task's typed SQL enqueue function, as the generator derived it from the payload type;
    /// null when the dispatcher does not say. <see cref="JobSqlFunctionInstaller"/> installs it.
    /// </summary>
    public JobSqlFunction? SqlFunction { get; init; }

    /// <summary>
    /// The JSON Schema (draft 2020-12) of the task's payload as JSON text; null when the dispatcher
    /// does not say. The generator writes it from the model it writes the payload reader from: the
    /// members' JSON names after the naming policy, which are required, their types and nullability,
    /// formats (date-time, date, uuid) and string enums' names. For producers outside .NET (SQL,
    /// other services) and for tools; <c>jobs schema</c> prints it.
    /// </summary>
    public string? PayloadSchema { get; init; }

    /// <summary>The type the task's handler takes its payload as; null when the dispatcher does not say.</summary>
    public Type? PayloadType { get; init; }

    /// <summary>
    /// Reads a payload as the task's handler would be given it (a <see cref="PayloadType"/>),
    /// throwing <see cref="JobPayloadException"/> (with the path of what is wrong) when it cannot;
    /// null when the dispatcher offers no reader. The generated dispatchers set it to the generated
    /// payload reader: a tool that enqueues by hand (the dashboard's Enqueue page) refuses a payload
    /// before it is stored instead of letting the job fail when it runs, and test assertions
    /// (Jobs.Testing) read what was enqueued as the handler's own type.
    /// </summary>
    public JobPayloadRead<object?>? ReadPayload { get; init; }
}

/// <summary>Reads <paramref name="json"/> as a task's payload; throws <see cref="JobPayloadException"/> when it cannot.</summary>
/// <param name="json">The payload, UTF-8 JSON.</param>
public delegate T JobPayloadRead<out T>(ReadOnlySpan<byte> json);
