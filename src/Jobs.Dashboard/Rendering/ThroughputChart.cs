using System.Globalization;

namespace Jobs.Dashboard.Rendering;

/// <summary>
/// Completions per interval as an inline SVG bar chart: no script, no style attribute (the CSP
/// allows neither inline), the bars' geometry in SVG attributes and their colour in the stylesheet.
/// Each bar carries its count as a tooltip; the figure's caption says the total and the peak.
/// </summary>
internal static class ThroughputChart
{
    private const int Width = 600, Height = 120, Top = 4, Bottom = 104;

    public static HtmlFragment Render(IReadOnlyList<ThroughputInterval> intervals, TimeSpan length)
    {
        var total = intervals.Sum(i => i.Completed);
        var peak = intervals.Count == 0 ? null : intervals.MaxBy(i => i.Completed);
        var scale = Math.Max(1, peak?.Completed ?? 0);
        var barWidth = (double)Width / Math.Max(1, intervals.Count);
        var span = length * intervals.Count;
        var bars = intervals.Select((interval, index) =>
        {
            var height = (double)(Bottom - Top) * interval.Completed / scale;
            return Html.Of($"""<rect class="bar" x="{Number(index * barWidth + 1)}" y="{Number(Bottom - height)}" width="{Number(Math.Max(1, barWidth - 2))}" height="{Number(height)}"><title>{Format.Time(interval.StartsAt)}: {Format.Count(interval.Completed)} completed</title></rect>""");
        });
        var caption = total == 0
            ? $"No job completed in the last {Minutes(span)}."
            : $"{Jobs(total)} completed in the last {Minutes(span)}; at most {Format.Count(peak!.Completed)} in a {Minutes(length).TrimStart('1', ' ')}, from {Format.Time(peak.StartsAt)}.";
        return Html.Of($"""
            <figure class="throughput">
            <svg viewBox="0 0 {Width} {Height}" role="img" aria-label="{caption}">
            <line class="axis" x1="0" y1="{Bottom}" x2="{Width}" y2="{Bottom}"></line>
            {Html.Join(bars)}
            <text class="axis-label" x="0" y="{Height - 2}">{Minutes(span)} ago</text>
            <text class="axis-label" x="{Width}" y="{Height - 2}" text-anchor="end">now</text>
            </svg>
            <figcaption>{caption}</figcaption>
            </figure>
            """);
    }

    private static string Jobs(long count) => count == 1 ? "1 job" : $"{Format.Count(count)} jobs";

    /// <summary>"60 minutes", "1 minute"; other lengths as <see cref="Format.Age"/> says them.</summary>
    private static string Minutes(TimeSpan length) =>
        length.Ticks % TimeSpan.TicksPerMinute != 0 ? Format.Age(length)
            : length.TotalMinutes == 1 ? "1 minute"
            : $"{Format.Count((long)length.TotalMinutes)} minutes";

    private static string Number(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
