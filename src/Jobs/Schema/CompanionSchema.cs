namespace Jobs.Schema;

/// <summary>
/// A schema of the framework's own beside the jobs schema, named after it with a suffix (the
/// history's <c>_history</c>, the trace contexts' <c>_trace</c>), so a schema pgpm deployed is
/// never changed by an optional feature.
/// </summary>
internal static class CompanionSchema
{
    /// <summary>Whether <paramref name="jobs"/> with <paramref name="suffix"/> fits PostgreSQL's 63 characters.</summary>
    public static bool CanHave(SchemaName jobs, string suffix)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.Value.Length + suffix.Length <= 63;
    }

    /// <summary>The companion schema of <paramref name="jobs"/>; <paramref name="what"/> names the feature in the error.</summary>
    /// <exception cref="ArgumentException">The jobs schema's name is too long to take the suffix.</exception>
    public static SchemaName For(SchemaName jobs, string suffix, string what)
    {
        if (!CanHave(jobs, suffix))
        {
            throw new ArgumentException(
                $"The jobs schema '{jobs.Value}' is too long to have {what}: its schema would be '{jobs.Value}{suffix}', over PostgreSQL's 63 characters. Use a schema name of at most {63 - suffix.Length} characters.",
                nameof(jobs));
        }
        return new SchemaName(jobs.Value + suffix);
    }
}
