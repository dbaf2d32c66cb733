namespace Jobs;

/// <summary>One job to enqueue: the task, its UTF-8 JSON payload, and options.</summary>
/// <param name="TaskIdentifier">The task name (fewer than 127 characters).</param>
/// <param name="Payload">The payload as UTF-8 JSON; empty means <c>{}</c>.</param>
/// <param name="Options">How to enqueue it; null for defaults.</param>
public readonly record struct JobRequest(string TaskIdentifier, ReadOnlyMemory<byte> Payload, EnqueueOptions? Options = null);
