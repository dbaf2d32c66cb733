using Npgsql;

namespace Jobs;

/// <summary>
/// The arguments of add_job and add_scheduled_job that are passed only when given: the database
/// id and the attribution. Left out, the function's own defaults apply (on 0.47, the
/// transaction's <c>jwt.claims.*</c>); passed as NULL, they would override them.
/// </summary>
[Flags]
internal enum OptionalArguments
{
    None = 0,
    DatabaseId = 1,
    ActorId = 2,
    PrincipalId = 4,
    EntityId = 8,
    EntityType = 16,
    OrganizationId = 32,
}

/// <summary>Names, types and values of <see cref="OptionalArguments"/>, and the SQL that passes them.</summary>
internal static class OptionalArgumentList
{
    private const string ArgumentsMarker = "/*optional arguments*/";
    private const string ArraysMarker = "/*optional arrays*/";
    private const string ColumnsMarker = "/*optional columns*/";

    /// <summary>Every optional argument: its flag, the parameter name, and its PostgreSQL type.</summary>
    public static IReadOnlyList<(OptionalArguments Flag, string Name, string Type)> All { get; } =
    [
        (OptionalArguments.DatabaseId, "db_id", "uuid"),
        (OptionalArguments.ActorId, "actor_id", "uuid"),
        (OptionalArguments.PrincipalId, "principal_id", "uuid"),
        (OptionalArguments.EntityId, "entity_id", "uuid"),
        (OptionalArguments.EntityType, "entity_type", "text"),
        (OptionalArguments.OrganizationId, "organization_id", "uuid"),
    ];

    /// <summary>Which optional arguments have a value.</summary>
    public static OptionalArguments Given(Guid? databaseId, JobAttribution? attribution)
    {
        var given = databaseId is null ? OptionalArguments.None : OptionalArguments.DatabaseId;
        if (attribution is null)
        {
            return given;
        }
        if (attribution.ActorId is not null) given |= OptionalArguments.ActorId;
        if (attribution.PrincipalId is not null) given |= OptionalArguments.PrincipalId;
        if (attribution.EntityId is not null) given |= OptionalArguments.EntityId;
        if (attribution.EntityType is not null) given |= OptionalArguments.EntityType;
        if (attribution.OrganizationId is not null) given |= OptionalArguments.OrganizationId;
        return given;
    }

    /// <summary>The value of <paramref name="flag"/>'s argument.</summary>
    public static object? Value(OptionalArguments flag, Guid? databaseId, JobAttribution? attribution) => flag switch
    {
        OptionalArguments.DatabaseId => databaseId,
        OptionalArguments.ActorId => attribution?.ActorId,
        OptionalArguments.PrincipalId => attribution?.PrincipalId,
        OptionalArguments.EntityId => attribution?.EntityId,
        OptionalArguments.EntityType => attribution?.EntityType,
        OptionalArguments.OrganizationId => attribution?.OrganizationId,
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };

    /// <summary>
    /// <paramref name="template"/> with <paramref name="given"/>'s arguments passed by name as
    /// scalar parameters numbered from <paramref name="firstParameter"/>.
    /// </summary>
    public static string ForOneCall(string template, OptionalArguments given, int firstParameter)
    {
        var arguments = new System.Text.StringBuilder();
        var number = firstParameter;
        foreach (var (flag, name, _) in All)
        {
            if (given.HasFlag(flag))
            {
                arguments.Append($",\n         {name} => ${number++}");
            }
        }
        return template.Replace(ArgumentsMarker, arguments.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="template"/> (an unnest of arrays aliased <c>r</c>) with <paramref name="given"/>'s
    /// arguments as further arrays numbered from <paramref name="firstParameter"/>, passed by name from r.
    /// </summary>
    public static string ForRows(string template, OptionalArguments given, int firstParameter)
    {
        var arrays = new System.Text.StringBuilder();
        var columns = new System.Text.StringBuilder();
        var arguments = new System.Text.StringBuilder();
        var number = firstParameter;
        foreach (var (flag, name, type) in All)
        {
            if (given.HasFlag(flag))
            {
                arrays.Append($", ${number++}::{type}[]");
                columns.Append($", {name}");
                arguments.Append($",\n         {name} => r.{name}");
            }
        }
        return template.Replace(ArraysMarker, arrays.ToString(), StringComparison.Ordinal)
            .Replace(ColumnsMarker, columns.ToString(), StringComparison.Ordinal)
            .Replace(ArgumentsMarker, arguments.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Adds the scalar parameters of <paramref name="given"/> to <paramref name="parameters"/>, in <see cref="All"/>'s order.</summary>
    public static void AddValues(NpgsqlParameterCollection parameters, OptionalArguments given, Guid? databaseId, JobAttribution? attribution)
    {
        foreach (var (flag, _, type) in All)
        {
            if (given.HasFlag(flag))
            {
                parameters.Add(type == "text"
                    ? new NpgsqlParameter<string> { TypedValue = (string)Value(flag, databaseId, attribution)! }
                    : new NpgsqlParameter<Guid> { TypedValue = (Guid)Value(flag, databaseId, attribution)! });
            }
        }
    }

    /// <summary>
    /// Adds one array parameter per argument of <paramref name="given"/>, one element per row: the
    /// rows' <paramref name="databaseIds"/> and <paramref name="attributions"/>, index by index.
    /// </summary>
    public static void AddArrays(NpgsqlParameterCollection parameters, OptionalArguments given, Guid?[] databaseIds, JobAttribution?[] attributions)
    {
        foreach (var (flag, _, type) in All)
        {
            if (!given.HasFlag(flag))
            {
                continue;
            }
            parameters.Add(type == "text"
                ? new NpgsqlParameter<string[]> { TypedValue = databaseIds.Select((id, i) => (string)Value(flag, id, attributions[i])!).ToArray() }
                : new NpgsqlParameter<Guid[]> { TypedValue = databaseIds.Select((id, i) => (Guid)Value(flag, id, attributions[i])!).ToArray() });
        }
    }
}
