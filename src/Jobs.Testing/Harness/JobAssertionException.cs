namespace Jobs.Testing;

/// <summary>
/// An assertion of <see cref="JobsTestHarness"/> failed. A plain exception, so any test framework
/// (xUnit, NUnit, MSTest) reports it as a failure with its message, which says what was found instead.
/// </summary>
public sealed class JobAssertionException : Exception
{
    /// <summary>An assertion failure described by <paramref name="message"/>.</summary>
    public JobAssertionException(string message)
        : base(message)
    {
    }
}
