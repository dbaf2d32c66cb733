namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>The terminal a run pretends to have: the text stdin holds, and whether stdin, stdout and stderr are terminals.</summary>
public sealed record CliTerminal(string Stdin, bool InputIsTerminal, bool OutputIsTerminal, bool ErrorIsTerminal = false);
