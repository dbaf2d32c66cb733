using CsCheck;

namespace Jobs.Generators.Tests;

/// <summary>
/// The compile-time cron checker (<c>Shared/RecurringRules.cs</c>, behind JOBS013 and the generated
/// <c>AddRecurringJob</c> lines) accepts exactly the expressions the runtime accepts: the runtime
/// is <see cref="RecurringJob"/>'s constructor, which parses with Cronos (five fields, or six with
/// seconds first). A string the checker passes and Cronos refuses would throw at start-up from
/// generated code; the reverse would be a false JOBS013.
/// </summary>
public sealed class CronAgreementTests
{
    private static readonly string[] Names =
    [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
        "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "jan", "Mon", "fRi", "FOO", "JA", "MONDAY", "SUNDAY",
    ];

    private static readonly Gen<string> Number = Gen.Frequency(
        (6, Gen.Int[0, 12].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (4, Gen.Int[0, 62].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("00", "007", "-1", "99999", "1.5", "+1", "0x1", "٣")));

    private static readonly Gen<string> Value = Gen.Frequency((5, Number), (2, Gen.OneOf(Names)));

    private static readonly Gen<string> Range = Gen.Select(Value, Value, (from, to) => from + "-" + to);

    /// <summary>One list item: a value, a range or a wildcard, maybe with a step; or one of the special forms.</summary>
    private static readonly Gen<string> Item = Gen.Frequency(
        (5, Gen.Frequency((3, Gen.Const("*")), (4, Value), (3, Range), (1, Gen.Const("?")))
            .Select(Gen.Frequency((3, Gen.Const("")), (1, Number.Select(step => "/" + step)), (1, Gen.OneOf("/", "/0", "/*", "/L"))), (range, step) => range + step)),
        (1, Value.Select(step => "/" + step)),
        (2, Gen.OneOf("L", "LW", "W", "l", "lw", "L-", "L-0", "L-30", "L-31", "L-5W", "#", "L#2", "5#", "*#2", "?/2", "L/2", "", "-", "1-", "-5", "**", "1--2", "1-2-3")),
        (2, Number.Select(n => n + "W")),
        (2, Value.Select(n => n + "L")),
        (2, Gen.Select(Value, Number, (day, week) => day + "#" + week)),
        (1, Gen.Select(Range, Number, (range, week) => range + "#" + week)));

    private static readonly Gen<string> Field = Gen.Frequency(
        (8, Item),
        (3, Item.Array[2, 4].Select(items => string.Join(",", items))),
        (1, Gen.OneOf(",", "1,", ",1", "1,,2")));

    private static readonly Gen<string> Space = Gen.Frequency((20, Gen.Const(" ")), (2, Gen.Const("  ")), (2, Gen.Const("\t")), (1, Gen.OneOf("\n", "\r\n", " \t ", "\u00a0", "\v", "\f")));

    private static readonly Gen<string> Ends = Gen.Frequency((12, Gen.Const("")), (1, Gen.OneOf(" ", "\t", "\n", "  ")));

    /// <summary>Mostly five or six fields, sometimes fewer or more.</summary>
    private static readonly Gen<string> Expression = Gen.Int[0, 9]
        .Select(n => n switch { < 4 => 5, < 8 => 6, 8 => 4, _ => 7 })
        .SelectMany(count => Gen.Select(Field.Array[count], Space.Array[count], Ends, Ends, (fields, spaces, before, after) =>
        {
            var text = new System.Text.StringBuilder(before);
            for (var i = 0; i < fields.Length; i++)
            {
                text.Append(i == 0 ? "" : spaces[i]).Append(fields[i]);
            }
            return text.Append(after).ToString();
        }));

    /// <summary>Valid expressions more often than chance gives them: fields from each position's own range.</summary>
    private static readonly Gen<string> Plausible = Gen.Bool.SelectMany(seconds => Gen.Select(
        Gen.Int[0, 59], Gen.Int[0, 59], Gen.Int[0, 23], Gen.Int[1, 31], Gen.Int[1, 12], Gen.Int[0, 7], Gen.Int[0, 7],
        (second, minute, hour, day, month, weekday, shape) =>
        {
            var dayField = shape switch { 0 => "L", 1 => day + "W", 2 => "L-" + (day - 1), 3 => "?", _ => day.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var weekField = shape switch { 3 => weekday + "#" + (1 + day % 5), 4 => weekday + "L", 5 => "MON-FRI", 6 => "*/" + (1 + weekday), _ => "*" };
            var fields = $"{minute}/{1 + hour} {hour}-{Math.Min(23, hour + day)} {dayField} {month},{Names[month - 1]} {weekField}";
            return seconds ? second + " " + fields : fields;
        }));

    [Fact]
    public void The_checker_and_the_runtime_accept_the_same_expressions() =>
        Gen.Frequency((4, Expression), (1, Plausible)).Sample(
            cron => Assert.True(
                (RecurringRules.CronProblem(cron) is null) == RuntimeAccepts(cron, out var error),
                $"'{Escape(cron)}': the checker says {RecurringRules.CronProblem(cron) ?? "valid"}; the runtime says {error ?? "valid"}"),
            iter: 100_000,
            print: Escape);

    [Fact]
    public void The_generated_expressions_are_both_valid_and_invalid()
    {
        var accepted = 0;
        const int Count = 5_000;
        Gen.Frequency((4, Expression), (1, Plausible)).Sample(cron =>
        {
            if (RuntimeAccepts(cron, out _))
            {
                Interlocked.Increment(ref accepted);
            }
        }, iter: Count, threads: 1);
        Assert.InRange(accepted, Count / 10, Count * 9 / 10);
    }

    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("*/10 * * * * *")]
    [InlineData("0 0 L * ?")]
    [InlineData("0 0 15W * *")]
    [InlineData("0 0 ? * MON#2")]
    [InlineData("0 0 ? * 5L")]
    [InlineData("0 0 1 JAN-MAR SUN,SAT")]
    [InlineData("0 0 L-3W * *")]
    [InlineData("0 ? * * *")]
    [InlineData("0 0 * * sunL")]
    public void Documented_forms_are_valid_for_both(string cron)
    {
        Assert.Null(RecurringRules.CronProblem(cron));
        Assert.True(RuntimeAccepts(cron, out var error), error);
    }

    /// <summary>
    /// The one known disagreement, left out of the generated strings: Cronos reads a .NET string as C
    /// reads one, stopping at the first NUL, so the runtime accepts <c>"0 2 * * *\0anything"</c>. The
    /// checker refuses it (PostgreSQL's jsonb cannot hold U+0000 either, so the row could not be written).
    /// </summary>
    [Theory]
    [InlineData("0 2 * * *\0")]
    [InlineData("0 2 * * *\0junk")]
    public void A_NUL_is_refused_by_the_checker(string cron) =>
        Assert.NotNull(RecurringRules.CronProblem(cron));

    private static bool RuntimeAccepts(string cron, out string? error)
    {
        try
        {
            _ = new RecurringJob("cron_agreement", cron);
            error = null;
            return true;
        }
        catch (ArgumentException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    private static string Escape(string text) =>
        text.Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\v", "\\v").Replace("\f", "\\f").Replace("\u00a0", "\\u00a0");
}
