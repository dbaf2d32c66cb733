using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>resume_queue.sql: resumes the named queue if <paramref name="PausedHolder"/> holds it.</summary>
internal sealed record ResumeQueueQuery(string QueueName, string PausedHolder) : ISqlQuery
{
    public static string File => "resume_queue";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = QueueName });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = PausedHolder });
    }
}
