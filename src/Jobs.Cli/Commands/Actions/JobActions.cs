namespace Jobs.Cli.Commands.Actions;

/// <summary>The job-changing commands, made afresh for each run (their options belong to one command tree).</summary>
internal static class JobActions
{
    public static IReadOnlyList<JobAction> Create() =>
        [new RetryAction(), new FailAction(), new DeleteAction(), new RescheduleAction(), new UnlockAction()];
}
