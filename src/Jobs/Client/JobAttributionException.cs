using Npgsql;

namespace Jobs;

/// <summary>
/// The schema refused a job for want of attribution or of a database id (0.47's add_job,
/// add_scheduled_job and run_scheduled_job with strict attribution). Nothing was stored.
/// </summary>
public sealed class JobAttributionException : InvalidOperationException
{
    private static readonly Dictionary<string, string> Remedies = new(StringComparer.Ordinal)
    {
        ["ATTRIBUTION_REQUIRED"] = "the schema requires an actor or an entity for every job: set EnqueueOptions.Attribution "
            + "or JobsClientOptions.Attribution (ActorId, or EntityId with EntityType; for the scheduler, "
            + "JobsSchedulerOptions.Attribution), or set the claims for the transaction with "
            + "set_config('jwt.claims.user_id', '<uuid>', true)",
        ["ENTITY_TYPE_REQUIRED"] = "an entity id was given without its type: set JobAttribution.EntityType "
            + "(or the jwt.claims.entity_type claim) with EntityId",
        ["ENTITY_ID_REQUIRED"] = "an entity type was given without its id: set JobAttribution.EntityId "
            + "(or the jwt.claims.entity_id claim) with EntityType",
        ["DATABASE_CLAIM_REQUIRED"] = "no database id: set JobsClientOptions.DatabaseId or EnqueueOptions.DatabaseId, "
            + "or the claim with set_config('jwt.claims.database_id', '<uuid>', true)",
    };

    private JobAttributionException(string code, string remedy, PostgresException inner)
        : base($"{code}: {remedy}.", inner) => Code = code;

    /// <summary>The schema's error code, e.g. <c>ATTRIBUTION_REQUIRED</c>.</summary>
    public string Code { get; }

    /// <summary>The exception to throw instead of <paramref name="exception"/>, or null when it is not about attribution.</summary>
    internal static JobAttributionException? From(Exception exception)
    {
        if (exception is not PostgresException { SqlState: PostgresErrorCodes.RaiseException } postgres)
        {
            return null;
        }
        foreach (var (code, remedy) in Remedies)
        {
            if (postgres.MessageText.Contains(code, StringComparison.Ordinal))
            {
                return new JobAttributionException(code, remedy, postgres);
            }
        }
        return null;
    }
}
