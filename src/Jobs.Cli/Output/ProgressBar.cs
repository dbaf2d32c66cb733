using System.Globalization;

namespace Jobs.Cli.Output;

/// <summary>
/// A progress bar redrawn in place on stderr, so stdout stays parseable; drawn only when stderr is
/// a terminal (a log file would fill with carriage returns), and erased when the work is done.
/// </summary>
internal sealed class ProgressBar(TextWriter error, bool enabled, string label, int total)
{
    private const int Width = 30;

    public async Task ReportAsync(int done)
    {
        if (!enabled || total <= 0)
        {
            return;
        }
        var filled = (int)((long)Width * done / total);
        var count = $"{done.ToString(CultureInfo.InvariantCulture)}/{total.ToString(CultureInfo.InvariantCulture)}";
        await error.WriteAsync($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {count}").ConfigureAwait(false);
        await error.FlushAsync().ConfigureAwait(false);
    }

    public async Task FinishAsync()
    {
        if (enabled)
        {
            // Back to the line's start and clear it: the report on stdout says what was done.
            await error.WriteAsync("\r\u001b[2K").ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
        }
    }
}
