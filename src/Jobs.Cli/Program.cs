using Jobs.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the running command (its transaction rolls back); a second one kills.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
return await Cli.RunAsync(args, Console.Out, Console.Error, Cli.ProcessEnvironment(), cancellation.Token);
