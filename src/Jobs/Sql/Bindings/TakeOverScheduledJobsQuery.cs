using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>
/// take_over_scheduled_jobs.sql: claims for <paramref name="WorkerId"/> the schedules, of
/// <paramref name="TaskIdentifiers"/> (null: every task), whose claim was not renewed for <paramref name="ClaimExpiry"/>.
/// </summary>
internal sealed record TakeOverScheduledJobsQuery(string WorkerId, TimeSpan ClaimExpiry, string[]? TaskIdentifiers) : ISqlQuery
{
    public static string File => "take_over_scheduled_jobs";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkerId });
        parameters.Add(new NpgsqlParameter<double> { TypedValue = ClaimExpiry.TotalSeconds });
        parameters.Add(OrNull.TextArray(TaskIdentifiers));
    }
}
