using System.ComponentModel;

namespace Jobs;

/// <summary>One job to enqueue: the task, its UTF-8 JSON payload, and options.</summary>
/// <param name="TaskIdentifier">The task name (fewer than 127 characters).</param>
/// <param name="Payload">The payload as UTF-8 JSON; empty means <c>{}</c>.</param>
/// <param name="Options">How to enqueue it; null for defaults.</param>
public readonly record struct JobRequest(string TaskIdentifier, ReadOnlyMemory<byte> Payload, EnqueueOptions? Options = null)
{
    /// <summary>
    /// Whether a generated payload writer produced <see cref="Payload"/>: valid UTF-8 JSON with no
    /// lone surrogate, at most <see cref="JobPayloadWriter.MaxDepth"/> levels deep, in a new array
    /// nobody else holds. The client then sends it without parsing it again.
    /// </summary>
    internal bool IsWritten { get; private init; }

    /// <summary>
    /// For generated code: a request whose payload <see cref="JobPayloadWriter.Serialize{T}"/> just
    /// wrote, so the client trusts it instead of parsing it a second time. Raw JSON belongs in the
    /// constructor, which checks it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static JobRequest Written(string taskIdentifier, ReadOnlyMemory<byte> payload, EnqueueOptions? options = null) =>
        new(taskIdentifier, payload, options) { IsWritten = true };
}
