using System.Runtime.CompilerServices;
using Jobs.Worker;

namespace Jobs.UnitTests.Worker;

/// <summary>The text written to last_error: readable, bounded, never empty (fail_job is STRICT).</summary>
public sealed class ErrorFormatterTests
{
    [Fact]
    public void A_thrown_exception_gives_its_type_message_and_top_frames()
    {
        var text = ErrorFormatter.Format(Thrown(() => Recurse(20)));

        var lines = text.Split('\n');
        Assert.Equal("System.InvalidOperationException: deep", lines[0]);
        Assert.Equal(6, lines.Length); // the message and five frames, of twenty
        Assert.All(lines.Skip(1), line => Assert.StartsWith("   at ", line));
        Assert.Contains(nameof(Recurse), lines[1]);
    }

    [Fact]
    public void Inner_exceptions_follow_the_message()
    {
        var error = new InvalidOperationException("outer", new FormatException("middle", new TimeoutException("inner")));

        Assert.Equal(
            "System.InvalidOperationException: outer ---> System.FormatException: middle ---> System.TimeoutException: inner",
            ErrorFormatter.Format(error));
    }

    [Fact]
    public void An_exception_never_thrown_has_no_frames()
    {
        Assert.Equal("System.Exception: plain", ErrorFormatter.Format(new Exception("plain")));
    }

    [Fact]
    public void A_long_message_is_cut_at_4000_characters()
    {
        var text = ErrorFormatter.Format(new Exception(new string('x', 10_000)));

        Assert.Equal(4001, text.Length);
        Assert.EndsWith("x…", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n")]
    public void An_empty_message_becomes_a_readable_one(string message)
    {
        Assert.Equal("The job failed without a message.", ErrorFormatter.Limit(message));
    }

    [Fact]
    public void A_short_message_is_kept_as_it_is()
    {
        Assert.Equal("boom", ErrorFormatter.Limit("boom"));
        var exactly = new string('y', 4000);
        Assert.Same(exactly, ErrorFormatter.Limit(exactly));
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }
        throw new InvalidOperationException("nothing was thrown");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Recurse(int depth)
    {
        if (depth == 0)
        {
            throw new InvalidOperationException("deep");
        }
        Recurse(depth - 1);
    }
}
