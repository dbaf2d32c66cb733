namespace Jobs.Worker;

/// <summary>The services a job sees when the worker runs without dependency injection.</summary>
internal sealed class EmptyServiceProvider : IServiceProvider
{
    public static EmptyServiceProvider Instance { get; } = new();

    public object? GetService(Type serviceType) => null;
}
