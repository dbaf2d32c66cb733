using System.CommandLine;
using System.CommandLine.Parsing;
using Jobs.Cli.Input;
using Jobs.Schema;

namespace Jobs.Cli.Parsing;

/// <summary>The options several commands share, spelled and described the same everywhere. Each call makes a new option for one command.</summary>
internal static class CommonOptions
{
    public static Option<string> Connection() => NonEmpty(new Option<string>(ConnectionResolver.ConnectionOption)
    {
        HelpName = "string",
        Description = "Npgsql connection string (Host=...;Database=...;Username=...) or URL "
            + "(postgres://user:password@host:port/database). "
            + $"Default: ${ConnectionResolver.DatabaseUrlVariable}, else {string.Join(", ", ConnectionResolver.LibpqVariables)} "
            + $"(host {ConnectionResolver.DefaultHost} when PGHOST is not set).",
    });

    public static Option<string> Schema(string what = "Schema holding the job tables") => NonEmpty(new Option<string>("--schema")
    {
        HelpName = "name",
        Description = $"{what} (default: {SchemaName.Default}). A letter or underscore, then up to 62 letters, digits or underscores.",
    });

    public static Option<bool> Json(string what) => new("--json") { Description = what };

    public static Option<Guid?> DatabaseId(string description =
        "Only the jobs of this database (tenant) id; default: every database.") => new("--database-id")
        {
            HelpName = "uuid",
            Description = description,
            CustomParser = Parse<Guid>(Values.TryParseGuid, "a UUID such as 0d6c1b1e-8d1f-4b7e-9a43-0f4c2d3b9a11"),
        };

    public static Option<string> Task(string description = "Only jobs of this task.") =>
        NonEmpty(new Option<string>("--task") { HelpName = "name", Description = description });

    public static Option<string> Queue(string description = "Only jobs of this named queue.") =>
        NonEmpty(new Option<string>("--queue") { HelpName = "name", Description = description });

    public static Option<string> Text(string description = "Only jobs whose payload (its JSON text) or last error holds this text, ignoring case.") =>
        NonEmpty(new Option<string>("--text") { HelpName = "text", Description = description });

    public static Option<JobState?> State()
    {
        var option = new Option<JobState?>("--state")
        {
            HelpName = "state",
            Description = $"Only jobs in this state: {JobStateNames.List}.",
            CustomParser = Parse<JobState>(JobStateNames.TryParse, JobStateNames.List),
        };
        // The tool's names only, not the enum's (Failing, PermanentlyFailed), which it does not accept.
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. JobStateNames.All]);
        return option;
    }

    public static Option<bool> DryRun(string description) => new("--dry-run") { Description = description };

    public static Option<bool> Yes() => new("--yes", "-y") { Description = "Do not ask for confirmation when more than one job is affected." };

    /// <summary>A custom parser for a value type: <paramref name="tryParse"/>, or a parse error saying what was expected.</summary>
    public static Func<ArgumentResult, T?> Parse<T>(TryParse<T> tryParse, string expected) where T : struct => result =>
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;
        if (tryParse(text, out var value))
        {
            return value;
        }
        result.AddError($"'{text}' is not valid for {OptionName(result)}: use {expected}");
        return null;
    };

    /// <summary>Refuses an empty or blank value, which would otherwise mean "not given" in a confusing way.</summary>
    public static Option<string> NonEmpty(Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
            {
                result.AddError($"option '{option.Name}' needs a non-empty value");
            }
        });
        return option;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? $"'{option.Option.Name}'" : $"<{result.Argument.Name}>";
}
