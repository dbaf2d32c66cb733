using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Jobs.Dashboard.Pages;

/// <summary>The job list's filter as the query string carries it: state, task, queue, key, database, text, and the keyset position.</summary>
internal sealed record JobListFilterQuery(string? State, string? Task, string? Queue, string? Key, string? Database, long? Before, string? Text = null)
{
    public static JobListFilterQuery From(IQueryCollection query) => From(name => query.TryGetValue(name, out var values) ? values : default);

    /// <summary>The filter an action's form carries on (the list's filter, as hidden fields); no position.</summary>
    public static JobListFilterQuery From(IFormCollection form) => From(name => form.TryGetValue(name, out var values) ? values : default) with { Before = null };

    private static JobListFilterQuery From(Func<string, StringValues> values) => new(
        Value(values, "state"), Value(values, "task"), Value(values, "queue"), Value(values, "key"), Value(values, "database"),
        long.TryParse(Value(values, "before"), NumberStyles.None, CultureInfo.InvariantCulture, out var before) ? before : null,
        Value(values, "text"));

    /// <summary>The filter's fields, for hidden inputs that carry it on (without the position).</summary>
    public IEnumerable<(string Name, string Value)> Fields()
    {
        foreach (var (name, value) in new[] { ("state", State), ("task", Task), ("queue", Queue), ("key", Key), ("database", Database), ("text", Text) })
        {
            if (value is not null)
            {
                yield return (name, value);
            }
        }
    }

    /// <summary>The query string of this filter (without the position), for links that keep it.</summary>
    public string QueryString(long? before = null)
    {
        var parts = new List<string>();
        Add(parts, "state", State);
        Add(parts, "task", Task);
        Add(parts, "queue", Queue);
        Add(parts, "key", Key);
        Add(parts, "database", Database);
        Add(parts, "text", Text);
        if (before is { } position)
        {
            parts.Add("before=" + position.ToString(CultureInfo.InvariantCulture));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The admin's filter, or the reason this one cannot be one.</summary>
    /// <param name="limit">Jobs per page.</param>
    /// <param name="scope">The database the dashboard's admin is limited to, if it is: the filter may narrow a dashboard of every database to one, never move a tenant's dashboard to another tenant.</param>
    public (JobListFilter? Filter, Guid? DatabaseId, string? Error) ToFilter(int limit, Guid? scope)
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
            if (scope is { } only && parsed != only)
            {
                return (null, null, $"This dashboard shows the jobs of database {only} only.");
            }
            databaseId = parsed;
        }
        return (new JobListFilter { State = state, TaskIdentifier = Task, Queue = Queue, BeforeId = Before, Limit = limit, Text = Text }, databaseId, null);
    }

    private static string? Value(Func<string, StringValues> lookup, string name)
    {
        var values = lookup(name);
        return values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
