using System.Security;

namespace Jobs.Package.Tests.Infrastructure;

/// <summary>
/// A console project written from scratch in a folder of its own outside the repository, as a user
/// would write it: one handler, a program that enqueues through the generated method and runs the
/// worker until the handler ran. Written by hand rather than by <c>dotnet new</c>, so no template or
/// network is involved.
/// </summary>
internal static class SmokeProject
{
    /// <summary>The line the program prints once the handler ran; the payload's values follow.</summary>
    public const string Marker = "PACKAGE-SMOKE-OK";

    /// <summary>
    /// Writes the project into <paramref name="folder"/>: it references the Jobs package at
    /// <paramref name="version"/> from <paramref name="feed"/> and the DI container, restores into a
    /// packages folder of its own (so the test package never reaches the machine's global packages
    /// folder, which is only read, as a fallback, for the dependencies), and inherits nothing from
    /// any folder above.
    /// </summary>
    public static void Write(string folder, string feed, string version, string diContainerVersion, string? machinePackages)
    {
        Directory.CreateDirectory(folder);
        // Stop MSBuild's and NuGet's upward search here, whatever lies above the temp folder.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />\n");
        // The same SDK as the repository's build.
        File.Copy(Path.Combine(Repository.Root, "global.json"), Path.Combine(folder, "global.json"), overwrite: true);
        // No <clear/>: the machine's own sources (nuget.org) stay, for anything the fallback lacks.
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="jobs-package-tests" value="{SecurityElement.Escape(feed)}" />
              </packageSources>
            </configuration>

            """);
        var fallback = machinePackages is null ? "" : $"<RestoreFallbackFolders>{SecurityElement.Escape(machinePackages)}</RestoreFallbackFolders>";
        File.WriteAllText(Path.Combine(folder, "PackageSmoke.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
                {fallback}
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Jobs" Version="{version}" />
                <!-- The container: the generated dispatcher resolves each handler from a DI scope, and
                     Jobs itself depends only on the abstractions, as a library should. -->
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="{diContainerVersion}" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(folder, "Smoke.cs"), """
            using Jobs;

            namespace PackageSmoke;

            public sealed record SmokeArgs(string Name, int Count, DateTimeOffset SentAt, List<string> Tags, Guid RequestId);

            [JobTask("package_smoke")]
            public sealed class Smoke(SmokeResult result) : IJobHandler<SmokeArgs>
            {
                public Task HandleAsync(SmokeArgs args, JobContext context, CancellationToken cancellationToken)
                {
                    result.Received.TrySetResult((context.Id, args));
                    return Task.CompletedTask;
                }
            }

            public sealed class SmokeResult
            {
                public TaskCompletionSource<(long JobId, SmokeArgs Args)> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), $$"""
            using Jobs;
            using Jobs.Worker;
            using Microsoft.Extensions.DependencyInjection;
            using PackageSmoke;

            if (args.Length != 1)
            {
                Console.Error.WriteLine("usage: PackageSmoke <connection string>");
                return 2;
            }

            var services = new ServiceCollection();
            services.AddJobs(args[0], options => options.DatabaseId = Guid.Parse("3f2c8a4e-9d1b-4e7a-b6c5-0a1b2c3d4e5f"));
            services.AddSingleton<SmokeResult>();
            services.AddPackageSmokeJobHandlers();
            services.AddJobsWorker(options => options.PollInterval = TimeSpan.FromMilliseconds(200));
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

            var client = provider.GetRequiredService<JobsClient>();
            var admin = provider.GetRequiredService<JobsAdmin>();
            var sent = new SmokeArgs("Ada Lovelace", 42, new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)), ["alpha", "beta"], Guid.Parse("8c7d6e5f-4a3b-2c1d-0e9f-8a7b6c5d4e3f"));
            var job = await client.EnqueueSmokeAsync(sent);
            Console.WriteLine($"payload: {(await admin.GetAsync(job.Id))?.Payload}");

            var worker = provider.GetRequiredService<JobsWorker>();
            using var stop = new CancellationTokenSource();
            var running = worker.RunAsync(stop.Token);
            var (jobId, received) = await provider.GetRequiredService<SmokeResult>().Received.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await running;
            var completed = await admin.GetAsync(job.Id) is null;

            Console.WriteLine($"{{Marker}} job={jobId}/{job.Id} task={job.TaskIdentifier} name={received.Name} count={received.Count} sent_at={received.SentAt:O} tags={string.Join('|', received.Tags)} request_id={received.RequestId} completed={completed}");
            return 0;

            """);
    }
}
