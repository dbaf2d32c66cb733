using System.Globalization;
using System.Text;
using Jobs.Schema;

namespace Jobs;

/// <summary>
/// The CREATE FUNCTION of a task's enqueue function: the generator's parameters and payload code
/// (<see cref="JobSqlFunction"/>), then the job's own parameters and one call of the schema's
/// add_job by parameter name, so the same function works on every add_job shape.
/// </summary>
internal static class JobSqlFunctionText
{
    /// <summary>Starts the comment that marks a function as ours, so a reinstall replaces it and never a function of the user's.</summary>
    public const string Marker = "Jobs: enqueues the task ";

    // add_job's defaults in 0.16 and 0.47 alike, for a task that names none.
    private const int AddJobPriority = 0;
    private const int AddJobMaxAttempts = 25;

    private static readonly string[] CalledParameters = ["identifier", "payload", "job_key", "queue_name", "run_at", "max_attempts", "priority", "db_id"];

    /// <summary>What is wrong with <paramref name="addJob"/> for the functions; empty when they can call it.</summary>
    public static IReadOnlyList<string> Problems(SchemaFunction? addJob) => addJob is null
        ? ["it has no add_job function"]
        : CalledParameters.Where(p => !addJob.Takes(p)).Select(p => $"its add_job takes no parameter named {p}").ToArray();

    /// <summary>The function that checks a json parameter against its part of the payload schema, installed beside the enqueue functions.</summary>
    public const string JsonProblemFunction = "jobs_json_problem";

    /// <summary>Starts the comment of <see cref="JsonProblemFunction"/>.</summary>
    public const string HelperMarker = "Jobs: checks a json parameter of the enqueue functions";

    private const string JsonProblemPlaceholder = "__JSON_PROBLEM__";

    private static readonly string JsonProblemTemplate = LoadJsonProblemTemplate();

    /// <summary>The CREATE FUNCTION of <see cref="JsonProblemFunction"/> in <paramref name="functionSchema"/>.</summary>
    public static string CreateJsonProblem(SchemaName functionSchema) =>
        JsonProblemTemplate.Replace("__FUNCTION__", functionSchema.Qualify(JsonProblemFunction), StringComparison.Ordinal);

    /// <summary>True for a function an install made: an enqueue function or the helper.</summary>
    public static bool IsOurs(string? comment) =>
        comment is not null && (TaskOf(comment) is not null || comment.StartsWith(HelperMarker, StringComparison.Ordinal));

    /// <summary>The CREATE FUNCTION for <paramref name="task"/> in <paramref name="functionSchema"/>, calling <paramref name="addJob"/> of <paramref name="jobsSchema"/>.</summary>
    /// <param name="task">The task's name.</param>
    /// <param name="function">The generator's model of the function.</param>
    /// <param name="payloadSchema">The task's payload JSON Schema, which json parameters are checked against; null to accept any JSON there.</param>
    /// <param name="functionSchema">Where the function goes.</param>
    /// <param name="jobsSchema">Whose add_job it calls.</param>
    /// <param name="addJob">That add_job, as the catalog declares it.</param>
    public static string Create(string task, JobSqlFunction function, string? payloadSchema, SchemaName functionSchema, SchemaName jobsSchema, SchemaFunction addJob)
    {
        var name = functionSchema.Qualify(Quote(function.Name));
        var self = Quote(function.Name);
        var usesSchema = function.Body.Contains(JsonProblemPlaceholder, StringComparison.Ordinal);
        var body = usesSchema ? function.Body.Replace(JsonProblemPlaceholder, functionSchema.Qualify(JsonProblemFunction), StringComparison.Ordinal) : function.Body;
        // A dollar-quote tag the body cannot contain, whatever names and literals it holds.
        var tag = "$jobs_function$";
        for (var i = 1; body.Contains(tag, StringComparison.Ordinal) || (payloadSchema?.Contains(tag, StringComparison.Ordinal) ?? false); i++)
        {
            tag = "$jobs_function_" + i.ToString(CultureInfo.InvariantCulture) + "$";
        }
        var payloadParameters = function.Parameters.Length == 0 ? "" : function.Parameters + ", ";
        var text = new StringBuilder();
        text.Append("CREATE FUNCTION ").Append(name).Append('(').Append(payloadParameters)
            .Append("db_id uuid DEFAULT NULL, run_at timestamptz DEFAULT now(), job_key text DEFAULT NULL, queue_name text DEFAULT ")
            .Append(function.Queue is null ? "NULL" : Literal(function.Queue))
            .Append(", priority integer DEFAULT ").Append((function.Priority ?? AddJobPriority).ToString(CultureInfo.InvariantCulture))
            .Append(", max_attempts integer DEFAULT ").Append((function.MaxAttempts ?? AddJobMaxAttempts).ToString(CultureInfo.InvariantCulture))
            .Append(")\nRETURNS ").Append(jobsSchema.Qualify("jobs"))
            // Shortest exact float text, whatever the session's setting: a real or double keeps its value in the payload.
            .Append("\nLANGUAGE plpgsql\nSET extra_float_digits = 1\nSET standard_conforming_strings = on\nAS ").Append(tag)
            // A column of the function's own subqueries wins over a parameter of the same name (a member called "a").
            .Append("\n#variable_conflict use_column\nDECLARE\n  v_payload json;\n  v_job ")
            .Append(jobsSchema.Qualify("jobs")).Append(";\n");
        if (usesSchema)
        {
            text.Append("  v_schema jsonb := ").Append(Literal(payloadSchema ?? "{}")).Append(";\n  v_problem text;\n");
        }
        // The body as the generator wrote it: a line break inside one of its literals must stay as it is.
        text.Append("BEGIN\n").Append(body);
        if (!body.EndsWith('\n'))
        {
            text.Append('\n');
        }
        var call = $"SELECT * INTO v_job FROM {jobsSchema.Qualify("add_job")}(identifier => {Literal(task)}, payload => v_payload, "
            + $"job_key => {self}.job_key, queue_name => {self}.queue_name, run_at => {self}.run_at, max_attempts => {self}.max_attempts, priority => {self}.priority";
        if (addJob.HasDefault("db_id"))
        {
            // 0.47 takes the database from the JWT claims when no db_id is passed; an explicit NULL would not.
            text.Append("  IF ").Append(self).Append(".db_id IS NULL THEN\n    ").Append(call).Append(");\n  ELSE\n    ")
                .Append(call).Append(", db_id => ").Append(self).Append(".db_id);\n  END IF;\n");
        }
        else
        {
            text.Append("  IF ").Append(self).Append(".db_id IS NULL THEN RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed', MESSAGE = ")
                .Append(Literal(function.Name + ": db_id must not be null: add_job of schema " + jobsSchema.Value + " has no default for it")).Append("; END IF;\n  ")
                .Append(call).Append(", db_id => ").Append(self).Append(".db_id);\n");
        }
        text.Append("  RETURN v_job;\nEND\n").Append(tag);
        return text.ToString();
    }

    private const string Generated = ". Generated by Jobs from the task's payload type: install again after changing it.";
    private const string SchemaLabel = "\nPayload JSON Schema: ";

    /// <summary>
    /// The COMMENT that marks the function as the enqueue function of <paramref name="task"/>, with
    /// the payload's JSON Schema where there is one: SQL producers see it in <c>\df+</c>, and
    /// <c>jobs schema</c> reads it from there.
    /// </summary>
    public static string Comment(string signature, string task, string? payloadSchema) =>
        $"COMMENT ON FUNCTION {signature} IS {Literal(Marker + task + Generated + (payloadSchema is null ? "" : SchemaLabel + payloadSchema))}";

    /// <summary>The payload's JSON Schema from a comment <see cref="Comment"/> wrote; null when it has none.</summary>
    public static string? SchemaOf(string? comment)
    {
        var start = comment?.IndexOf(SchemaLabel, StringComparison.Ordinal) ?? -1;
        return start < 0 || TaskOf(comment) is null ? null : comment![(start + SchemaLabel.Length)..];
    }

    /// <summary>Reads the task back from a comment <see cref="Comment"/> wrote; null for a function that is not ours.</summary>
    public static string? TaskOf(string? comment)
    {
        if (comment is null || !comment.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }
        var end = comment.IndexOf(Generated, Marker.Length, StringComparison.Ordinal);
        return end < 0 ? null : comment[Marker.Length..end];
    }

    private static string LoadJsonProblemTemplate()
    {
        using var stream = typeof(JobSqlFunctionText).Assembly.GetManifestResourceStream("Jobs.Contracts.json_problem.sql")
            ?? throw new InvalidOperationException("The embedded resource Jobs.Contracts.json_problem.sql is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
