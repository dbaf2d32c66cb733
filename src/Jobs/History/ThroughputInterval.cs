namespace Jobs;

/// <summary>How many jobs completed in one interval of <see cref="JobsAdmin.GetThroughputAsync"/>.</summary>
/// <param name="StartsAt">When the interval began (the database's clock).</param>
/// <param name="Completed">How many jobs completed in it.</param>
public sealed record ThroughputInterval(DateTimeOffset StartsAt, long Completed);
