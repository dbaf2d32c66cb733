using System.Reflection;
using System.Text.RegularExpressions;
using Jobs.Sql;
using Npgsql;

namespace Jobs.Tests.Sql;

/// <summary>
/// Every embedded query has exactly one binding (an <see cref="ISqlQuery"/>), and the file's
/// header, its body and the binding agree on the parameters: a file without a binding, or a
/// binding that adds one parameter too many or too few, fails here instead of at run time.
/// </summary>
public sealed partial class SqlBindingTests
{
    /// <summary>Queries still bound by hand where they are used; each moves to a binding, and this list ends empty.</summary>
    private static readonly HashSet<string> NotYetBound = new(StringComparer.Ordinal)
    {
        "add_job", "add_jobs", "complete_jobs_batch", "complete_jobs_each", "copy_jobs", "delete_jobs",
        "fail_jobs_batch", "fail_jobs_each", "fetch_available_jobs", "fetch_jobs", "fetch_planner_settings", "force_unlock_dead_workers",
        "get_job_by_id", "get_jobs", "insert_jobs", "jit_off", "job_statistics", "list_jobs", "permanently_fail_jobs",
        "queue_statistics", "read_copied_jobs", "ready_count", "ready_count_available", "release_jobs",
        "release_unstarted_jobs", "remove_job", "remove_job_inline", "reschedule_jobs",
        "rescue_expired_locks", "reserve_job_ids", "retry_jobs", "shape_columns",
        "shape_functions", "shape_indexes", "shape_security_definers", "summarize_copied_jobs",
        "unlock_workers",
    };

    private const string Prefix = "Jobs.Sql.Queries.";

    private static readonly Assembly Runtime = typeof(JobsClient).Assembly;

    public static TheoryData<string> Files() => new(FileNames());

    private static string[] FileNames() =>
        Runtime.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".sql".Length]).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_query_has_one_binding_and_its_header_body_and_binding_agree_on_the_parameters(string file)
    {
        var bindings = Bindings().Where(b => File(b) == file).ToArray();
        if (NotYetBound.Contains(file))
        {
            Assert.Empty(bindings); // bound now: take it off the list
            return;
        }
        var binding = Assert.Single(bindings);
        var text = Text(file);

        var declared = HeaderParameter().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Enumerable.Range(1, declared.Length), declared); // $1, $2, ... in order, none skipped
        var used = Body(text) is var body && UsedParameter().Matches(body).Count > 0
            ? UsedParameter().Matches(body).Max(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            : 0;
        Assert.Equal(declared.Length, used);

        var parameters = new NpgsqlCommand().Parameters;
        ((ISqlQuery)Instance(binding)).Bind(parameters);
        Assert.Equal(declared.Length, parameters.Count);
    }

    [Fact]
    public void No_binding_names_a_file_that_does_not_exist()
    {
        var files = FileNames().ToHashSet(StringComparer.Ordinal);
        Assert.Equal([], Bindings().Select(File).Where(file => !files.Contains(file)).ToArray());
    }

    private static IEnumerable<Type> Bindings() =>
        Runtime.GetTypes().Where(t => !t.IsAbstract && !t.IsInterface && typeof(ISqlQuery).IsAssignableFrom(t));

    private static string File(Type binding) =>
        (string)binding.GetProperty("File", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>An instance with placeholder values: binding needs the values' types, not the values.</summary>
    private static object Instance(Type binding)
    {
        var constructor = binding.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => Placeholder(p.ParameterType)).ToArray());
    }

    private static object? Placeholder(Type type) =>
        type == typeof(string) ? ""
        : type.IsArray ? Array.CreateInstance(type.GetElementType()!, 0)
        : type.IsValueType ? Activator.CreateInstance(type)
        : null;

    private static string Text(string file)
    {
        using var stream = Runtime.GetManifestResourceStream(Prefix + file + ".sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The statement without its comments, where $n in prose would count.</summary>
    private static string Body(string text) => string.Join('\n', text.Split('\n').Select(line => line.Split("--")[0]));

    [GeneratedRegex(@"^--\s+\$(\d+)\s+\w+", RegexOptions.Multiline)]
    private static partial Regex HeaderParameter();

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex UsedParameter();
}
