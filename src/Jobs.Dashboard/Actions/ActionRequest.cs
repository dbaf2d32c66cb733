using Microsoft.AspNetCore.Http;

namespace Jobs.Dashboard.Actions;

/// <summary>An action's form, read: which action, on which jobs, with which inputs.</summary>
internal sealed record ActionRequest(DashboardAction Action, ActionTarget Target, ActionParameters Parameters)
{
    /// <summary>The request, or why the form is not one.</summary>
    public static (ActionRequest? Request, string? Error) From(IFormCollection form)
    {
        if (DashboardAction.Named(form["action"]) is not { } action)
        {
            return (null, $"Unknown action: use {string.Join(", ", DashboardAction.All.Select(a => a.Name))}.");
        }
        var (target, targetError) = ActionTarget.From(form);
        if (target is null)
        {
            return (null, targetError);
        }
        var (parameters, parametersError) = ActionParameters.From(form);
        return parameters is null ? (null, parametersError) : (new ActionRequest(action, target, parameters), null);
    }

    /// <summary>The form fields that carry this request on to the confirmation's form.</summary>
    public IEnumerable<(string Name, string Value)> Fields() =>
        new[] { ("action", Action.Name) }.Concat(Target.Fields()).Concat(Parameters.Fields());
}
