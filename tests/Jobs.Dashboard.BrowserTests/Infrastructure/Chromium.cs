namespace Jobs.Dashboard.BrowserTests.Infrastructure;

/// <summary>
/// Finds the Chromium the tests drive. Playwright cannot download its own browsers here, so the
/// tests use the system's: first Debian's <c>chromium-headless-shell</c>, which .ci/run installs
/// when missing, then a full Chromium or Chrome. <see cref="PathVariable"/> names another
/// executable. No Chromium is a failure, never a skip.
/// <para>
/// The headless shell first, as Playwright's own headless runs do: it is the same Blink and V8
/// without the full browser around them. The suite took 37 and 39 s of CPU with it, against 82 s
/// with the full <c>chromium --headless</c> (2 cores, same run, same 15 tests passing), whose
/// renderer processes alone took 32 s.
/// </para>
/// </summary>
public static class Chromium
{
    /// <summary>The environment variable that names the Chromium (or Chrome) executable to use.</summary>
    public const string PathVariable = "JOBS_CHROMIUM";

    private static readonly string[] Candidates =
    [
        // Debian's binaries themselves; /usr/bin/chromium-headless-shell and /usr/bin/chromium are shell scripts that start them.
        "/usr/lib/chromium/chromium-headless-shell",
        "/usr/lib/chromium/chromium",
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome-stable",
        "/usr/bin/google-chrome",
    ];

    private static readonly string[] Names = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

    /// <summary>The executable's path; throws, saying how to install one, when there is none.</summary>
    public static string ExecutablePath()
    {
        var named = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return File.Exists(named)
                ? named
                : throw new InvalidOperationException($"{PathVariable}={named}, but there is no such file.");
        }
        var found = Candidates.FirstOrDefault(File.Exists)
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(folder => Names.Select(name => Path.Combine(folder, name)))
                .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "The dashboard's browser tests need Chromium and found none (looked for " + string.Join(", ", Candidates) +
            " and " + string.Join(", ", Names) + " on PATH). Install Debian's package: apt-get install -y chromium-headless-shell " +
            $"(.ci/run does), or set {PathVariable} to a Chromium or Chrome executable. Playwright's own browser download is not used.");
    }
}
