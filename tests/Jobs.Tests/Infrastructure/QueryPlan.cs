using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>The plan PostgreSQL picks for a statement, as EXPLAIN prints it.</summary>
internal static class QueryPlan
{
    /// <summary>Runs <paramref name="command"/> under EXPLAIN (its parameters bound) and returns the plan's lines.</summary>
    public static async Task<string> ExplainAsync(NpgsqlCommand command)
    {
        command.CommandText = "EXPLAIN " + command.CommandText;
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }
        return string.Join("\n", plan);
    }
}
