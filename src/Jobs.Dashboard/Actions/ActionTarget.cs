using System.Globalization;
using Jobs.Dashboard.Pages;
using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Actions;

/// <summary>
/// Which jobs an action's form points at: the ids ticked (or the one job of a detail page), or
/// every job matching the list's filter. The filter comes along either way, for the links back.
/// </summary>
internal sealed record ActionTarget(IReadOnlyList<long> Ids, JobListFilterQuery Filter, bool AllMatching)
{
    /// <summary>More ids than this in one form is not a person ticking boxes (a page holds at most 500).</summary>
    public const int MaxIds = 1_000;

    /// <summary>The target, or why the form does not name one.</summary>
    public static (ActionTarget? Target, string? Error) From(IFormCollection form)
    {
        var filter = JobListFilterQuery.From(form);
        if (form["scope"] == "filter")
        {
            return (new ActionTarget([], filter, AllMatching: true), null);
        }
        var ids = new List<long>();
        foreach (var text in form["id"])
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return (null, $"'{text}' is not a job id.");
            }
            ids.Add(id);
        }
        ids = ids.Distinct().ToList();
        return ids.Count switch
        {
            0 => (null, "No jobs selected: tick the jobs to act on, or choose all jobs matching the filter."),
            > MaxIds => (null, $"At most {MaxIds} jobs can be selected one by one: choose all jobs matching the filter instead."),
            _ => (new ActionTarget(ids, filter, AllMatching: false), null),
        };
    }

    /// <summary>The form fields that carry this target on to the confirmation's form.</summary>
    public IEnumerable<(string Name, string Value)> Fields()
    {
        yield return ("scope", AllMatching ? "filter" : "selection");
        foreach (var id in Ids)
        {
            yield return ("id", id.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var field in Filter.Fields())
        {
            yield return field;
        }
    }
}
