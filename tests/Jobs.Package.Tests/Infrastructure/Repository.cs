using System.Xml.Linq;

namespace Jobs.Package.Tests.Infrastructure;

/// <summary>The repository these tests were built from, found above the test assembly.</summary>
internal static class Repository
{
    /// <summary>The folder holding Jobs.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The runtime project the Jobs package is packed from.</summary>
    public static string JobsProject => Path.Combine(Root, "src", "Jobs", "Jobs.csproj");

    /// <summary>
    /// The configuration this test assembly was built in (Debug unless <c>dotnet test -c</c> said
    /// otherwise), read from its folder: bin/&lt;configuration&gt;/&lt;framework&gt;/. The runtime it
    /// references was built in the same one.
    /// </summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The package versions pinned in Directory.Packages.props, by package id.</summary>
    public static IReadOnlyDictionary<string, string> PinnedVersions()
    {
        var props = XDocument.Load(Path.Combine(Root, "Directory.Packages.props"));
        return props.Descendants("PackageVersion").ToDictionary(
            e => (string)e.Attribute("Include")!,
            e => (string)e.Attribute("Version")!,
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The ids of the PackageReferences of <paramref name="project"/>.</summary>
    public static IReadOnlyList<string> PackageReferences(string project) =>
        XDocument.Load(project).Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToList();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Jobs.sln")) && File.Exists(Path.Combine(folder.FullName, "src", "Jobs", "Jobs.csproj")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Jobs.sln above {AppContext.BaseDirectory}.");
    }
}
