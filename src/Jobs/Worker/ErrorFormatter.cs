using System.Text;

namespace Jobs.Worker;

/// <summary>
/// The text stored in last_error: exception type and message, its causes, and the top stack
/// frames. Never empty, because fail_job is STRICT and a NULL message would leave the job locked.
/// </summary>
internal static class ErrorFormatter
{
    private const int MaxFrames = 5;
    private const int MaxLength = 4000;

    public static string Format(Exception exception)
    {
        var text = new StringBuilder();
        text.Append(exception.GetType().FullName).Append(": ").Append(exception.Message);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(" ---> ").Append(inner.GetType().FullName).Append(": ").Append(inner.Message);
        }
        // The stack trace text, not StackFrame.GetMethod(): the latter is not trim-safe.
        var frames = (exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var frame in frames.Take(MaxFrames))
        {
            text.Append("\n   ").Append(frame);
        }
        return Limit(text.ToString());
    }

    public static string Limit(string message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "The job failed without a message.";
        }
        return message.Length <= MaxLength ? message : message[..MaxLength] + "…";
    }
}
