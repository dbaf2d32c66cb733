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
        : type.Assembly == Runtime && type.GetConstructors().Length > 0 ? Instance(type) // values shared by several bindings
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
