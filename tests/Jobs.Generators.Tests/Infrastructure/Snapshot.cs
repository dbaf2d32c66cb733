using System.Runtime.CompilerServices;

namespace Jobs.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated text with a file under Snapshots/. A missing file, or JOBS_UPDATE_SNAPSHOTS=1,
/// writes the file and fails, so a new or changed snapshot is always looked at and committed, never
/// accepted silently.
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "JOBS_UPDATE_SNAPSHOTS";

    /// <summary>Checks every file, writing each missing (or, when updating, every) snapshot before failing once.</summary>
    public static void MatchAll(IEnumerable<(string Name, string Text)> files, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(FindProjectFolder(callerPath), "Snapshots");
        var update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        var failures = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name + ".txt");
            var actual = text.Replace("\r\n", "\n", StringComparison.Ordinal);
            if (!File.Exists(path) || update)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(path, actual);
                failures.Add($"Wrote the snapshot {path}; review it, commit it and run again without {UpdateVariable}.");
                continue;
            }
            var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (expected != actual)
            {
                var line = FirstDifferentLine(expected, actual);
                failures.Add($"The generated {name} differs from {path} at line {line.Number}:\n  expected: {line.Expected}\n  actual:   {line.Actual}\nSet {UpdateVariable}=1 to rewrite the snapshots, then review the diff.");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static (int Number, string Expected, string Actual) FirstDifferentLine(string expected, string actual)
    {
        var left = expected.Split('\n');
        var right = actual.Split('\n');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var l = i < left.Length ? left[i] : "<end>";
            var r = i < right.Length ? right[i] : "<end>";
            if (l != r)
            {
                return (i + 1, l, r);
            }
        }
        return (0, "", "");
    }

    private static string FindProjectFolder(string callerPath)
    {
        for (var folder = Path.GetDirectoryName(callerPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            // The test project the caller belongs to (this file is linked into more than one).
            if (Directory.EnumerateFiles(folder, "*.csproj").Any())
            {
                return folder;
            }
        }
        throw new InvalidOperationException($"No test project above {callerPath}.");
    }
}
