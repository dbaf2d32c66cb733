using Jobs.Cli.Output;

namespace Jobs.Cli.Bench;

/// <summary>
/// Where <c>jobs bench</c> says what it is measuring, always on stderr so stdout stays parseable:
/// a progress bar redrawn in place on a terminal, one line per step otherwise (a log keeps them).
/// </summary>
internal sealed class BenchProgress(TextWriter error, bool terminal)
{
    private ProgressBar? _bar;
    private int _total;
    private int _done;

    /// <summary>How many steps the run has, once known.</summary>
    public void Expect(int steps)
    {
        _total = steps;
        _bar = new ProgressBar(error, terminal, "bench", steps);
    }

    /// <summary>A step begins.</summary>
    public async Task StepAsync(string what)
    {
        if (terminal && _bar is not null)
        {
            await _bar.ReportAsync(Math.Min(_done++, _total)).ConfigureAwait(false);
            await error.WriteAsync(" " + what).ConfigureAwait(false);
            await error.WriteAsync("\u001b[K").ConfigureAwait(false); // clear what a longer label left
            return;
        }
        _done++;
        await error.WriteLineAsync("bench: " + what).ConfigureAwait(false);
    }

    /// <summary>Every step is done: the bar is erased (the report on stdout says the rest).</summary>
    public Task FinishAsync() => _bar?.FinishAsync() ?? Task.CompletedTask;
}
