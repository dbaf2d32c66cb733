using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>fetch_planner_settings.sql: the planner settings a fetch runs under, for the rest of the transaction; no parameters.</summary>
internal sealed record FetchPlannerSettingsQuery : ISqlQuery
{
    public static string File => "fetch_planner_settings";

    public void Bind(NpgsqlParameterCollection parameters)
    {
    }
}
