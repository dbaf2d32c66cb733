namespace Jobs;

/// <summary>An enqueue function <see cref="JobSqlFunctionInstaller"/> installed, as the database holds it.</summary>
/// <param name="Task">The task it enqueues.</param>
/// <param name="Signature">Its schema, name and argument types: <c>app_jobs.add_send_email(text,text,...)</c>.</param>
/// <param name="PayloadSchema">The JSON Schema of the task's payload when it was installed; null when the dispatcher gave none.</param>
public sealed record InstalledJobSqlFunction(string Task, string Signature, string? PayloadSchema);
