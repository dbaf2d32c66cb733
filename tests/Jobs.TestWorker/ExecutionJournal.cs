namespace Jobs.TestWorker;

/// <summary>
/// Where a chaos worker records each execution's start and end, one line each, written through to
/// the file at once: a SIGKILL loses no line already written, and the record needs no database,
/// which may be down at that moment.
/// Lines: <c>S job attempt ticks</c> and <c>E job attempt ticks ok|fail</c>.
/// </summary>
public sealed class ExecutionJournal(string path) : IDisposable
{
    private readonly StreamWriter _writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    private readonly Lock _gate = new();

    public void Started(long jobId, int attempt) =>
        Write($"S {jobId} {attempt} {DateTime.UtcNow.Ticks}");

    public void Ended(long jobId, int attempt, bool succeeded) =>
        Write($"E {jobId} {attempt} {DateTime.UtcNow.Ticks} {(succeeded ? "ok" : "fail")}");

    private void Write(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose() => _writer.Dispose();
}
