using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Pages;

/// <summary>The job list's filter as the query string carries it: state, task, queue, key, database, and the keyset position.</summary>
internal sealed record JobListFilterQuery(string? State, string? Task, string? Queue, string? Key, string? Database, long? Before)
{
    public static JobListFilterQuery From(IQueryCollection query) => new(
        Value(query, "state"), Value(query, "task"), Value(query, "queue"), Value(query, "key"), Value(query, "database"),
        long.TryParse(Value(query, "before"), NumberStyles.None, CultureInfo.InvariantCulture, out var before) ? before : null);

    /// <summary>The query string of this filter (without the position), for links that keep it.</summary>
    public string QueryString(long? before = null)
    {
        var parts = new List<string>();
        Add(parts, "state", State);
        Add(parts, "task", Task);
        Add(parts, "queue", Queue);
        Add(parts, "key", Key);
        Add(parts, "database", Database);
        if (before is { } position)
        {
            parts.Add("before=" + position.ToString(CultureInfo.InvariantCulture));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The admin's filter, or the reason this one cannot be one.</summary>
    public (JobListFilter? Filter, Guid? DatabaseId, string? Error) ToFilter(int limit)
    {
        JobState? state = null;
        if (State is not null)
        {
            if (!JobStateNames.TryParse(State, out var parsed))
            {
                return (null, null, $"Unknown state '{State}': use {JobStateNames.List}.");
            }
            state = parsed;
        }
        Guid? databaseId = null;
        if (Database is not null)
        {
            if (!Guid.TryParse(Database, out var parsed))
            {
                return (null, null, $"'{Database}' is not a database id (a UUID).");
            }
            databaseId = parsed;
        }
        return (new JobListFilter { State = state, TaskIdentifier = Task, Queue = Queue, BeforeId = Before, Limit = limit }, databaseId, null);
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
