namespace Jobs.Testing;

/// <summary>A job found by an enqueue assertion: its row, and its payload read as the handler would read it.</summary>
/// <param name="Row">The job as stored.</param>
/// <param name="Payload">The payload, read by the task's generated reader.</param>
public sealed record EnqueuedJob<TPayload>(JobRow Row, TPayload Payload);
