using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>unlock_workers.sql: frees every job and queue <paramref name="WorkerIds"/> hold; returns the jobs freed.</summary>
internal sealed record UnlockWorkersQuery(string[] WorkerIds) : ISqlQuery
{
    public static string File => "unlock_workers";

    public void Bind(NpgsqlParameterCollection parameters) =>
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = WorkerIds });
}
