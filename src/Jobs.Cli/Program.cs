using Jobs.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the running command (its transaction rolls back); a second one kills.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
var context = new CliContext(Console.Out, Console.Error, Console.In,
    InputIsTerminal: !Console.IsInputRedirected, OutputIsTerminal: !Console.IsOutputRedirected, Cli.ProcessEnvironment(),
    ErrorIsTerminal: !Console.IsErrorRedirected);
return await Cli.RunInContextAsync(args, context, cancellation.Token);
