using System.Reflection;

namespace Jobs.Generators.Tests;

/// <summary>[GeneratedCode] names the generator's version, which is the package's: the version the runtime carries too.</summary>
public sealed class GeneratedCodeVersionTests
{
    [Fact]
    public void The_version_is_the_package_version()
    {
        var runtime = typeof(JobContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Equal(runtime, JobsGenerator.Emitter.Version);
        Assert.DoesNotContain("+", JobsGenerator.Emitter.Version, StringComparison.Ordinal);
    }
}
