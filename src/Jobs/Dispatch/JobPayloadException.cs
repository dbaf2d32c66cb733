namespace Jobs;

/// <summary>The payload could not be read as the task's argument type. Fails the job permanently.</summary>
public sealed class JobPayloadException : PermanentJobFailureException
{
    /// <summary>Creates the exception.</summary>
    public JobPayloadException()
    {
    }

    /// <summary>Creates the exception with a message naming the problem.</summary>
    public JobPayloadException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JobPayloadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
