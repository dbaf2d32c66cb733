namespace Jobs.UnitTests.Model;

/// <summary>
/// A row's state, derived as the worker sees it: locked is running; out of attempts is failed
/// permanently; an attempt spent with an error kept is retrying; otherwise ready or scheduled by
/// run_at. A job given a fresh set of attempts (an operator's retry) keeps its last error for the
/// record, and is ready again, not retrying.
/// </summary>
public sealed class JobRowStateTests
{
    private static readonly DateTimeOffset Past = DateTimeOffset.UtcNow.AddMinutes(-1);
    private static readonly DateTimeOffset Future = DateTimeOffset.UtcNow.AddHours(1);

    [Theory]
    [InlineData(0, null, false, false, JobState.Ready)]
    [InlineData(0, null, true, false, JobState.Scheduled)]
    [InlineData(1, "boom", true, false, JobState.Failing)]
    [InlineData(1, "boom", false, false, JobState.Failing)]
    [InlineData(0, "boom", false, false, JobState.Ready)]
    [InlineData(0, "boom", true, false, JobState.Scheduled)]
    [InlineData(25, "boom", false, false, JobState.PermanentlyFailed)]
    [InlineData(3, "boom", false, true, JobState.Running)]
    public void The_state_follows_the_columns(int attempts, string? lastError, bool later, bool locked, JobState expected)
    {
        var row = new JobRow
        {
            Id = 1,
            DatabaseId = Guid.Empty,
            TaskIdentifier = "t",
            Attempts = attempts,
            MaxAttempts = 25,
            LastError = lastError,
            RunAt = later ? Future : Past,
            LockedAt = locked ? Past : null,
        };

        Assert.Equal(expected, row.State);
    }
}
