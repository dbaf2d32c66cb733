using Jobs.Schema;
using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs;

/// <summary>
/// Installs the typed SQL enqueue functions of an application's tasks, <c>add_&lt;task&gt;(...)</c>,
/// so SQL producers (triggers, functions, other services) enqueue with the payload checked and
/// built as the generated C# writer would, and with the task's queue, priority and max attempts.
/// An explicit step, never done by a worker. Idempotent, one transaction: functions an earlier
/// install made are replaced (their signature may have changed with the payload); a function of
/// the same name that Jobs did not make is never touched, and the install fails naming it.
/// </summary>
public sealed class JobSqlFunctionInstaller
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaName _jobsSchema;
    private readonly SchemaName _functionSchema;
    private readonly SqlQueries _sql;

    /// <summary>An installer for the database of <paramref name="dataSource"/>.</summary>
    public JobSqlFunctionInstaller(NpgsqlDataSource dataSource, JobSqlFunctionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        options ??= new JobSqlFunctionOptions();
        _jobsSchema = options.JobsSchema;
        _functionSchema = options.FunctionSchema ?? options.JobsSchema;
        _sql = new SqlQueries(_jobsSchema);
    }

    /// <summary>Installs the functions of every task of <paramref name="dispatchers"/> (the application's, as <c>AddJobs</c> registered them) that has one.</summary>
    public Task<JobSqlFunctionInstallResult> InstallAsync(IEnumerable<IJobDispatcher> dispatchers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispatchers);
        return InstallAsync(dispatchers.SelectMany(d => d.Tasks), cancellationToken);
    }

    /// <summary>Installs the functions of <paramref name="tasks"/>; tasks without one (<see cref="JobTaskDescriptor.SqlFunction"/> null) are skipped.</summary>
    /// <exception cref="UnsupportedSchemaException">The jobs schema has no add_job the functions can call.</exception>
    /// <exception cref="InvalidOperationException">Two tasks map to one function name, or a function of that name exists that Jobs did not make.</exception>
    public async Task<JobSqlFunctionInstallResult> InstallAsync(IEnumerable<JobTaskDescriptor> tasks, CancellationToken cancellationToken = default)
    {
        var functions = Functions(tasks);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await MigrationSteps.LockAsync(connection, transaction, "jobs.sql-functions." + _functionSchema.Value, cancellationToken).ConfigureAwait(false);

        var statements = await ScriptAsync(connection, transaction, functions, cancellationToken).ConfigureAwait(false);
        var existing = await NamedAsync(connection, transaction, functions, cancellationToken).ConfigureAwait(false);
        if (existing.FirstOrDefault(f => !JobSqlFunctionText.IsOurs(f.Comment)) is { Signature: not null } foreign)
        {
            throw new InvalidOperationException(
                $"{_functionSchema.Value} already has a function {foreign.Signature} that Jobs did not install; it is left as it is. "
                + "Drop or rename it, or install the enqueue functions in another schema (JobSqlFunctionOptions.FunctionSchema).");
        }
        // Another application's task may map to the same name in a shared schema: never replace its function.
        var byName = functions.ToDictionary(f => f.Function.Name, StringComparer.Ordinal);
        if (existing.FirstOrDefault(f => JobSqlFunctionText.TaskOf(f.Comment) is { } other && byName.TryGetValue(f.Name, out var mine) && other != mine.Task) is { Signature: not null } taken)
        {
            throw new InvalidOperationException(
                $"{taken.Signature} enqueues the task '{JobSqlFunctionText.TaskOf(taken.Comment)}', not '{byName[taken.Name].Task}'; it is left as it is. "
                + "Rename one of the tasks, or install the enqueue functions in another schema (JobSqlFunctionOptions.FunctionSchema).");
        }
        foreach (var function in existing)
        {
            await ExecuteAsync(connection, transaction, "DROP FUNCTION " + function.Signature, cancellationToken).ConfigureAwait(false);
        }
        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
        }
        var installed = await NamedAsync(connection, transaction, functions, cancellationToken).ConfigureAwait(false);
        foreach (var function in installed)
        {
            await ExecuteAsync(connection, transaction, byName.TryGetValue(function.Name, out var task)
                ? JobSqlFunctionText.Comment(function.Signature, task.Task, task.PayloadSchema)
                : $"COMMENT ON FUNCTION {function.Signature} IS '{JobSqlFunctionText.HelperMarker}, against their payload schema.'", cancellationToken).ConfigureAwait(false);
            // Dropping a function drops its privileges: give the new one those of the one it replaces.
            var replaced = existing.Where(f => f.Name == function.Name && !f.DefaultPrivileges).ToList();
            if (replaced.Count > 0)
            {
                var executors = replaced.SelectMany(f => f.Executors).Distinct().ToArray();
                await ExecuteAsync(connection, transaction, $"REVOKE ALL ON FUNCTION {function.Signature} FROM PUBLIC", cancellationToken).ConfigureAwait(false);
                if (executors.Length > 0)
                {
                    await ExecuteAsync(connection, transaction, $"GRANT EXECUTE ON FUNCTION {function.Signature} TO {string.Join(", ", executors)}", cancellationToken).ConfigureAwait(false);
                }
            }
        }
        installed.RemoveAll(f => f.Name == JobSqlFunctionText.JsonProblemFunction);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new JobSqlFunctionInstallResult(installed.Select(f => f.Signature).ToArray(), existing.Count(f => f.Name != JobSqlFunctionText.JsonProblemFunction));
    }

    /// <summary>
    /// The CREATE FUNCTION statements <see cref="InstallAsync(IEnumerable{JobTaskDescriptor}, CancellationToken)"/>
    /// would run, for this database's add_job, without running them: to review. Install with
    /// <c>InstallAsync</c>, which also drops what an earlier install made and marks the functions as
    /// its own (their comments, which <c>jobs schema</c> and a later install read).
    /// </summary>
    public async Task<IReadOnlyList<string>> ScriptAsync(IEnumerable<JobTaskDescriptor> tasks, CancellationToken cancellationToken = default)
    {
        var functions = Functions(tasks);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ScriptAsync(connection, null, functions, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> ScriptAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<(string Task, JobSqlFunction Function, string? PayloadSchema)> functions, CancellationToken cancellationToken)
    {
        var shape = await SchemaShapeReader.ReadAsync(connection, transaction, _jobsSchema, cancellationToken).ConfigureAwait(false);
        var problems = JobSqlFunctionText.Problems(shape.AddJob);
        if (problems.Count > 0)
        {
            throw new UnsupportedSchemaException(_jobsSchema, problems);
        }
        return [JobSqlFunctionText.CreateJsonProblem(_functionSchema),
            .. functions.Select(f => JobSqlFunctionText.Create(f.Task, f.Function, f.PayloadSchema, _functionSchema, _jobsSchema, shape.AddJob!))];
    }

    /// <summary>The enqueue functions an install left in the function schema, by task name, each with its payload's JSON Schema.</summary>
    public async Task<IReadOnlyList<InstalledJobSqlFunction>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _sql.Command(connection, null, new SqlFunctionsMarkedQuery(_functionSchema.Value, JobSqlFunctionText.Marker + "%"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<InstalledJobSqlFunction>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var comment = reader.GetString(1);
            if (JobSqlFunctionText.TaskOf(comment) is { } task)
            {
                found.Add(new InstalledJobSqlFunction(task, reader.GetString(0), JobSqlFunctionText.SchemaOf(comment)));
            }
        }
        return found.OrderBy(f => f.Task, StringComparer.Ordinal).ToArray();
    }

    private static List<(string Task, JobSqlFunction Function, string? PayloadSchema)> Functions(IEnumerable<JobTaskDescriptor> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var functions = new List<(string Task, JobSqlFunction Function, string? PayloadSchema)>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var task in tasks.DistinctBy(t => t.Name))
        {
            if (task.SqlFunction is not { } function)
            {
                continue;
            }
            if (names.TryGetValue(function.Name, out var other))
            {
                throw new InvalidOperationException(
                    $"The tasks '{other}' and '{task.Name}' both have the SQL enqueue function {function.Name}: rename one of the tasks.");
            }
            names[function.Name] = task.Name;
            functions.Add((task.Name, function, task.PayloadSchema));
        }
        return functions;
    }

    /// <summary>A function of the function schema as the catalog has it.</summary>
    private sealed record CatalogFunction(string Signature, string Name, string? Comment, bool DefaultPrivileges, string[] Executors);

    private async Task<List<CatalogFunction>> NamedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(string Task, JobSqlFunction Function, string? PayloadSchema)> functions, CancellationToken cancellationToken)
    {
        await using var command = _sql.Command(connection, transaction,
            new SqlFunctionsNamedQuery(_functionSchema.Value, [JobSqlFunctionText.JsonProblemFunction, .. functions.Select(f => f.Function.Name)]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<CatalogFunction>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(new CatalogFunction(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetBoolean(3), reader.GetFieldValue<string[]>(4)));
        }
        return found;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
