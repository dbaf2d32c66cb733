namespace Jobs;

/// <summary>
/// How long a condition (a fetch wanted and not done, the LISTEN connection down, a result
/// unwritten) may last: beyond <paramref name="DegradedAfter"/> the loop is degraded, beyond
/// <paramref name="UnhealthyAfter"/> unhealthy.
/// </summary>
internal sealed record HealthThresholds(TimeSpan DegradedAfter, TimeSpan UnhealthyAfter)
{
    public static readonly HealthThresholds Default = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60));

    public static HealthThresholds Validated(TimeSpan degradedAfter, TimeSpan unhealthyAfter)
    {
        if (degradedAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException("HealthDegradedAfter must be positive.");
        }
        if (unhealthyAfter < degradedAfter)
        {
            throw new ArgumentException($"HealthUnhealthyAfter ({unhealthyAfter}) must be at least HealthDegradedAfter ({degradedAfter}).");
        }
        return new HealthThresholds(degradedAfter, unhealthyAfter);
    }
}
