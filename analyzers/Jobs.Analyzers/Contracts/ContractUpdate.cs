using System.Collections.Generic;
using System.Linq;

namespace Jobs.Analyzers.Contracts;

/// <summary>
/// The contract file JOBS022's code fix writes: each task's shape now, except where the change is
/// breaking (that entry stays as it was, so the fix never hides a break) and for tasks with no
/// handler (kept, for JOBS023 to keep reporting).
/// </summary>
internal static class ContractUpdate
{
    public static string Apply(IReadOnlyDictionary<string, TaskContract> recorded, IReadOnlyDictionary<string, TaskContract?> current)
    {
        var tasks = new Dictionary<string, TaskContract>(System.StringComparer.Ordinal);
        foreach (var task in recorded)
        {
            tasks[task.Key] = task.Value;
        }
        foreach (var task in current)
        {
            if (task.Value is null)
            {
                continue;
            }
            if (!recorded.TryGetValue(task.Key, out var old) || !ContractComparer.Against(old, task.Value).Any(c => c.IsBreaking))
            {
                tasks[task.Key] = task.Value;
            }
        }
        return ContractJson.Write(tasks);
    }
}
