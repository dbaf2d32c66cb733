using Jobs.Schema;
using Npgsql;

namespace Jobs.Sql;

/// <summary>
/// The framework's SQL, one embedded file per operation (<c>Sql/Queries/*.sql</c>), with the
/// schema name filled in once per schema.
/// </summary>
internal sealed class SqlQueries
{
    private const string Prefix = "Jobs.Sql.Queries.";

    private static readonly Dictionary<string, string> Templates = LoadTemplates();

    public SqlQueries(SchemaName schema)
    {
        Schema = schema;
        AddJob = Load("add_job");
        AddJobs = Load("add_jobs");
        InsertJobs = Load("insert_jobs");
        GetJobs = Load("get_jobs");
        CompleteJobsEach = Load("complete_jobs_each");
        FailJobsEach = Load("fail_jobs_each");
        ReserveJobIds = Load("reserve_job_ids");
        CopyJobs = Load("copy_jobs");
        ReadCopiedJobs = Load("read_copied_jobs");
        SummarizeCopiedJobs = Load("summarize_copied_jobs");
        FetchJobs = Load("fetch_jobs");
        FetchAvailableJobs = Load("fetch_available_jobs");
        ReadyCountAvailable = Load("ready_count_available");
        RescueExpiredLocks = Load("rescue_expired_locks");
        ForceUnlockDeadWorkers = Load("force_unlock_dead_workers");
        JitOff = Load("jit_off");
        FetchPlannerSettings = Load("fetch_planner_settings");
        CompleteJobsBatch = Load("complete_jobs_batch");
        FailJobsBatch = Load("fail_jobs_batch");
        PermanentlyFailJobs = Load("permanently_fail_jobs");
        ReleaseJobs = Load("release_jobs");
        ReleaseUnstartedJobs = Load("release_unstarted_jobs");
        GetJobById = Load("get_job_by_id");
        ListJobs = Load("list_jobs");
        RetryJobs = Load("retry_jobs");
        RescheduleJobs = Load("reschedule_jobs");
        DeleteJobs = Load("delete_jobs");
        RemoveJob = Load("remove_job");
        RemoveJobInline = Load("remove_job_inline");
        UnlockWorkers = Load("unlock_workers");
        QueueStatistics = Load("queue_statistics");
        JobStatistics = Load("job_statistics");
        ReadyCount = Load("ready_count");
        ShapeColumns = Load("shape_columns");
        ShapeFunctions = Load("shape_functions");
        ShapeIndexes = Load("shape_indexes");
        ShapeSecurityDefiners = Load("shape_security_definers");
    }

    public SchemaName Schema { get; }
    public string AddJob { get; }
    public string AddJobs { get; }
    public string InsertJobs { get; }
    public string GetJobs { get; }
    public string CompleteJobsEach { get; }
    public string FailJobsEach { get; }
    public string ReserveJobIds { get; }
    public string CopyJobs { get; }
    public string ReadCopiedJobs { get; }
    public string SummarizeCopiedJobs { get; }
    public string FetchJobs { get; }
    public string FetchAvailableJobs { get; }
    public string ReadyCountAvailable { get; }
    public string RescueExpiredLocks { get; }
    public string ForceUnlockDeadWorkers { get; }
    public string JitOff { get; }
    public string FetchPlannerSettings { get; }
    public string CompleteJobsBatch { get; }
    public string FailJobsBatch { get; }
    public string PermanentlyFailJobs { get; }
    public string ReleaseJobs { get; }
    public string ReleaseUnstartedJobs { get; }
    public string GetJobById { get; }
    public string ListJobs { get; }
    public string RetryJobs { get; }
    public string RescheduleJobs { get; }
    public string DeleteJobs { get; }
    public string RemoveJob { get; }
    public string RemoveJobInline { get; }
    public string UnlockWorkers { get; }
    public string QueueStatistics { get; }
    public string JobStatistics { get; }
    public string ReadyCount { get; }
    public string ShapeColumns { get; }
    public string ShapeFunctions { get; }
    public string ShapeIndexes { get; }
    public string ShapeSecurityDefiners { get; }

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

    private string Load(string name) =>
        Templates[name].Replace(Migration.SchemaPlaceholder, Schema.Quoted, StringComparison.Ordinal);

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
