namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>A StringWriter that cancels <paramref name="cancellation"/> once <paramref name="marker"/> was written <paramref name="count"/> times: Ctrl+C after so many reports, with no clock involved.</summary>
public sealed class ReportCountingWriter(string marker, int count, CancellationTokenSource cancellation) : StringWriter
{
    private int _seen;

    public override Task WriteLineAsync(string? value)
    {
        if (value is not null && value.Contains(marker, StringComparison.Ordinal) && ++_seen == count)
        {
            cancellation.Cancel();
        }
        return base.WriteLineAsync(value);
    }
}
