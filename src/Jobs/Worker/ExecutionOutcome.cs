namespace Jobs.Worker;

/// <summary>How one run of a handler ended.</summary>
internal readonly record struct ExecutionOutcome(string? Error, bool Permanent, bool Cancelled)
{
    public static ExecutionOutcome Succeeded => default;

    public static ExecutionOutcome CancelledByShutdown => new(null, false, true);

    public static ExecutionOutcome Failed(string error, bool permanent) => new(error, permanent, false);
}
