namespace Jobs;

/// <summary>
/// The names the <c>jobs</c> tool and the dashboard give job states: <c>ready</c>, <c>scheduled</c> (run_at in the future),
/// <c>running</c> (locked), <c>retrying</c> (failed, attempts left) and <c>failed</c> (out of
/// attempts). The last two are <see cref="JobState.Failing"/> and <see cref="JobState.PermanentlyFailed"/>.
/// </summary>
public static class JobStateNames
{
    /// <summary>Every name, in the order a job usually passes through them, for help and errors.</summary>
    public const string List = "ready, scheduled, running, retrying or failed";

    /// <summary>Every name, for shell completion.</summary>
    public static IReadOnlyList<string> All { get; } = ["ready", "scheduled", "running", "retrying", "failed"];

    /// <summary>The name of <paramref name="state"/>.</summary>
    public static string Of(JobState state) => state switch
    {
        JobState.Ready => "ready",
        JobState.Scheduled => "scheduled",
        JobState.Running => "running",
        JobState.Failing => "retrying",
        JobState.PermanentlyFailed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>The state named <paramref name="text"/> (exactly, lower case); false for any other text.</summary>
    public static bool TryParse(string text, out JobState state)
    {
        switch (text)
        {
            case "ready": state = JobState.Ready; return true;
            case "scheduled": state = JobState.Scheduled; return true;
            case "running": state = JobState.Running; return true;
            case "retrying": state = JobState.Failing; return true;
            case "failed": state = JobState.PermanentlyFailed; return true;
            default: state = default; return false;
        }
    }
}
