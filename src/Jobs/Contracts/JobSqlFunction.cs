namespace Jobs;

/// <summary>
/// A task's typed SQL enqueue function as the generator derives it from the payload type: what
/// <see cref="JobSqlFunctionInstaller"/> turns into <c>add_&lt;task&gt;(...)</c> in a schema. The
/// parameters and the payload-building code come from the same model as the generated payload
/// writer and reader, so a SQL producer cannot write a payload the handler cannot read.
/// </summary>
/// <param name="Name">The function's name: <c>add_</c> and the task name (letters, digits, underscores).</param>
/// <param name="Parameters">
/// The payload's parameters as SQL (<c>"to" text, "cc" text[] DEFAULT NULL</c>): one per payload
/// member, named by its JSON name; a member that is not required takes <c>DEFAULT NULL</c>.
/// </param>
/// <param name="Body">
/// plpgsql statements that check the parameters (raising SQLSTATE 22004 (null_value_not_allowed) for a null a member may not
/// be, 22023 (invalid_parameter_value) for a value the reader would refuse) and set <c>v_payload</c> (json) to the payload. It may check a json parameter
/// with <c>__JSON_PROBLEM__(value json, schema jsonb, root jsonb, path text)</c> against <c>v_schema</c>, the
/// task's payload schema, into <c>v_problem</c>: the installer supplies all three.
/// </param>
/// <param name="Queue">The task's default queue (<c>[JobTask(Queue = ...)]</c>); null for none.</param>
/// <param name="Priority">The task's default priority; null for add_job's.</param>
/// <param name="MaxAttempts">The task's default max attempts; null for add_job's.</param>
public sealed record JobSqlFunction(string Name, string Parameters, string Body, string? Queue, int? Priority, int? MaxAttempts);
