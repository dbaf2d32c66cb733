using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>pause_queue.sql: pauses the named queue: <paramref name="PausedHolder"/> holds its lock for ever.</summary>
internal sealed record PauseQueueQuery(string QueueName, string PausedHolder) : ISqlQuery
{
    public static string File => "pause_queue";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = QueueName });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = PausedHolder });
    }
}
