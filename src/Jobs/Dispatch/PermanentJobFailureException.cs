namespace Jobs;

/// <summary>A failure that retrying cannot fix: the job is failed at once, whatever attempts remain.</summary>
public class PermanentJobFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PermanentJobFailureException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PermanentJobFailureException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PermanentJobFailureException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
