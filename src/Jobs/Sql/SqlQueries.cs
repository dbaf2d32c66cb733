using Jobs.Schema;
using Npgsql;

namespace Jobs.Sql;

/// <summary>
/// The framework's SQL, one embedded file per operation (<c>Sql/Queries/*.sql</c>), with the
/// schema name filled in once per schema, and the history schema's where a query names it.
/// </summary>
internal sealed class SqlQueries
{
    private const string Prefix = "Jobs.Sql.Queries.";

    /// <summary>Stands for the quoted history schema (<see cref="JobHistorySchema"/>) in the queries that read or write it.</summary>
    internal const string HistoryPlaceholder = "__HISTORY__";

    private static readonly Dictionary<string, string> Templates = LoadTemplates();

    public SqlQueries(SchemaName schema)
    {
        Schema = schema;
    }

    public SchemaName Schema { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>The statement <paramref name="query"/> runs, for this schema.</summary>
    public string Text<TQuery>(TQuery query) where TQuery : ISqlQuery =>
        query.Shape(_texts.GetOrAdd(TQuery.File, Load));

    /// <summary><paramref name="query"/> as a command of a batch, its parameters bound.</summary>
    public NpgsqlBatchCommand BatchCommand<TQuery>(TQuery query) where TQuery : ISqlQuery
    {
        var command = new NpgsqlBatchCommand(Text(query));
        query.Bind(command.Parameters);
        return command;
    }

    /// <summary><paramref name="query"/> as a command on <paramref name="dataSource"/>, its parameters bound.</summary>
    public NpgsqlCommand Command<TQuery>(NpgsqlDataSource dataSource, TQuery query) where TQuery : ISqlQuery
    {
        var command = dataSource.CreateCommand(Text(query));
        query.Bind(command.Parameters);
        return command;
    }

    /// <summary><paramref name="query"/> as a command on <paramref name="connection"/> (inside <paramref name="transaction"/> when given), its parameters bound.</summary>
    public NpgsqlCommand Command<TQuery>(NpgsqlConnection connection, NpgsqlTransaction? transaction, TQuery query) where TQuery : ISqlQuery
    {
        var command = new NpgsqlCommand(Text(query), connection, transaction);
        query.Bind(command.Parameters);
        return command;
    }

    // The history schema's name is worked out only for the queries that need it: a jobs schema
    // whose name is too long to take the suffix still runs everything else.
    private string Load(string name)
    {
        var text = Templates[name].Replace(Migration.SchemaPlaceholder, Schema.Quoted, StringComparison.Ordinal);
        return text.Contains(HistoryPlaceholder, StringComparison.Ordinal)
            ? text.Replace(HistoryPlaceholder, JobHistorySchema.For(Schema).Quoted, StringComparison.Ordinal)
            : text;
    }

    private static Dictionary<string, string> LoadTemplates()
    {
        var assembly = typeof(SqlQueries).Assembly;
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            templates[resource[Prefix.Length..^".sql".Length]] = reader.ReadToEnd();
        }
        return templates;
    }
}
