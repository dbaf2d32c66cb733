namespace Jobs;

/// <summary>
/// Declares a deliberate, breaking change of a payload type: this type is version
/// <see cref="Version"/> of the task's payload, and payloads of earlier versions (jobs already
/// enqueued, SQL producers not yet moved) are read as <see cref="Previous"/> and converted by the
/// type's <c>public static T Upcast(TPrevious previous)</c>. The generated writer stamps each payload
/// with <c>"$version": Version</c>; a payload without it is version 1. <see cref="Previous"/> may be
/// versioned in turn, so every older payload reaches this type through a chain of upcasts. The
/// payload-contract check (jobs.contracts.json) accepts the break when <see cref="Previous"/> still
/// reads what the file recorded.
/// </summary>
/// <example>
/// <code>
/// [JobPayloadVersion(2, Previous = typeof(SendEmailArgsV1))]
/// public sealed record SendEmailArgs(string[] To, string Subject)
/// {
///     public static SendEmailArgs Upcast(SendEmailArgsV1 previous) => new([previous.To], "(no subject)");
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class JobPayloadVersionAttribute : Attribute
{
    /// <summary>Declares this type version <paramref name="version"/> (2 or more) of its payload.</summary>
    public JobPayloadVersionAttribute(int version)
    {
        Version = version;
    }

    /// <summary>This type's version: 2 or more (an unversioned payload is version 1).</summary>
    public int Version { get; }

    /// <summary>The payload type of the version before, which the type's <c>Upcast</c> method converts from.</summary>
    public Type? Previous { get; set; }
}
