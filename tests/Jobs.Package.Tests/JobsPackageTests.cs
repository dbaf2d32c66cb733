using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Jobs.Package.Tests.Infrastructure;
using Jobs.Testing.Postgres;

namespace Jobs.Package.Tests;

/// <summary>
/// The single Jobs package: what `dotnet pack src/Jobs/Jobs.csproj` puts in it, and a project that
/// references nothing of ours but that package building and running a job on PostgreSQL.
/// SLOW: the fixture packs the run's own build, and one test restores and builds a new project
/// (about half a minute together, more on a busy machine). Skip them with --filter "Category!=Slow".
/// </summary>
[Trait("Category", "Slow")]
public sealed class JobsPackageTests(PackedJobs package, ITestOutputHelper output) : IClassFixture<PackedJobs>
{
    [Fact]
    public void The_package_carries_the_runtime_with_its_docs_the_generator_and_analyzers_and_the_readme()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var files = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("lib/net10.0/Jobs.dll", files);
        Assert.Contains("lib/net10.0/Jobs.xml", files);
        Assert.Contains("PACKAGE.md", files);
        // The generator, the analyzers and their code fixes are compiler components only: never libraries the user compiles against.
        Assert.Equal(["analyzers/dotnet/cs/Jobs.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Jobs.Analyzers.dll", "analyzers/dotnet/cs/Jobs.Generators.dll"],
            files.Where(f => f.Contains("Generators", StringComparison.OrdinalIgnoreCase) || f.Contains("Analyzers", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));
        Assert.Equal(["lib/net10.0/Jobs.dll", "lib/net10.0/Jobs.xml"], files.Where(f => f.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        using var docs = new StreamReader(zip.GetEntry("lib/net10.0/Jobs.xml")!.Open());
        Assert.Contains("T:Jobs.JobTaskAttribute", docs.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_code_fixes_reference_Workspaces_which_the_command_line_compiler_never_loads()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);

        Assert.DoesNotContain(Workspaces, References(zip, "analyzers/dotnet/cs/Jobs.Analyzers.dll"));
        Assert.DoesNotContain(Workspaces, References(zip, "analyzers/dotnet/cs/Jobs.Generators.dll"));
        var fixes = References(zip, "analyzers/dotnet/cs/Jobs.Analyzers.CodeFixes.dll");
        Assert.Contains(Workspaces, fixes);
        Assert.Contains("Jobs.Analyzers", fixes);
    }

    private const string Workspaces = "Microsoft.CodeAnalysis.Workspaces";

    /// <summary>The names of the assemblies the packed <paramref name="entry"/> references, read from its metadata.</summary>
    private static List<string> References(ZipArchive zip, string entry)
    {
        using var bytes = new MemoryStream();
        using (var stream = zip.GetEntry(entry)!.Open())
        {
            stream.CopyTo(bytes);
        }
        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        var metadata = pe.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))];
    }

    [Fact]
    public void The_nuspec_depends_on_the_pinned_runtime_packages_and_not_on_the_generator()
    {
        var metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("Jobs", Value("id"));
        Assert.Equal(package.Version, Value("version"));
        Assert.Equal("PACKAGE.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("postgresql", Value("tags")!.Split(' '));
        Assert.Equal("MIT", Value("license"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        if (Path.Exists(Path.Combine(Repository.Root, ".git")))
        {
            Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? "");
        }

        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!))
            .Order()
            .ToList();
        var pinned = Repository.PinnedVersions();
        var expected = Repository.PackageReferences(Repository.JobsProject).Select(id => (id, pinned[id])).Order().ToList();
        Assert.Contains(expected, d => d.id == "Npgsql");
        Assert.Contains(expected, d => d.id.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
        Assert.Equal(expected, dependencies);
        Assert.DoesNotContain(dependencies, d => d.Item1.Contains("Generators", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_symbols_go_to_a_snupkg_beside_the_package()
    {
        using var zip = ZipFile.OpenRead(package.SymbolPackagePath);
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/Jobs.pdb");
        using var nupkg = ZipFile.OpenRead(package.PackagePath);
        Assert.DoesNotContain(nupkg.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_project_referencing_the_package_builds_without_warnings_and_runs_a_job_through_the_generated_code()
    {
        var folder = Path.Combine(package.Root, "smoke");
        SmokeProject.Write(folder, package.Feed, package.Version, Repository.PinnedVersions()["Microsoft.Extensions.DependencyInjection"], await MachinePackagesFolderAsync());

        var build = await Dotnet.RunAsync(folder, ["build", "-warnaserror", .. Dotnet.BuildOptions]);
        output.WriteLine(build);

        Assert.Contains(" 0 Warning(s)", build, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"\bwarning [A-Z]+\d+", RegexOptions.Multiline), build);
        // The Jobs package came from the test feed into the project's own packages folder.
        Assert.True(Directory.Exists(Path.Combine(folder, "packages", "jobs", package.Version)), "The Jobs package was not restored into the project's packages folder.");
        // The generator ran from the package: it wrote the four files of this assembly.
        var generated = Path.Combine(folder, "obj", "Debug", "net10.0", "generated", "Jobs.Generators");
        Assert.True(Directory.Exists(generated), $"No generated files under {generated}:\n{build}");
        Assert.Equal(4, Directory.GetFiles(generated, "*.g.cs", SearchOption.AllDirectories).Length);

        await using var database = await (await JobsTemplates.Installer()).CloneAsync();
        var run = await Dotnet.RunAsync(folder, "run", "--no-build", "--", database.ConnectionString);
        output.WriteLine(run);

        var payload = Assert.Single(run.Split('\n'), l => l.StartsWith("payload: ", StringComparison.Ordinal));
        // Written by the generated serializer with the default snake_case names.
        Assert.Contains("\"sent_at\"", payload, StringComparison.Ordinal);
        Assert.Contains("\"request_id\"", payload, StringComparison.Ordinal);
        var marker = Assert.Single(run.Split('\n'), l => l.StartsWith(SmokeProject.Marker, StringComparison.Ordinal)).TrimEnd('\r');
        Assert.Matches(@"^\S+ job=(\d+)/\1 task=package_smoke ", marker);
        Assert.EndsWith(
            " name=Ada Lovelace count=42 sent_at=2024-05-06T07:08:09.0000000+02:00 tags=alpha|beta request_id=8c7d6e5f-4a3b-2c1d-0e9f-8a7b6c5d4e3f completed=True",
            marker,
            StringComparison.Ordinal);
    }

    private XDocument Nuspec()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        using var stream = zip.GetEntry("Jobs.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    /// <summary>
    /// The machine's global packages folder, which the new project reads (never writes) as a
    /// fallback for Npgsql and Microsoft.Extensions.*: the repository's restore has put them there,
    /// so the test needs no download. Null when it cannot be found; restore then downloads.
    /// </summary>
    private static async Task<string?> MachinePackagesFolderAsync()
    {
        var output = await Dotnet.RunAsync(Repository.Root, "nuget", "locals", "global-packages", "--list");
        var match = Regex.Match(output, @"global-packages:\s*(\S.*?)\s*$", RegexOptions.Multiline);
        return match.Success && Directory.Exists(match.Groups[1].Value) ? match.Groups[1].Value : null;
    }
}
