namespace Jobs.Dashboard.Rendering;

/// <summary>
/// Markup that is safe to send as it is: built by <see cref="Html.Of"/>, whose every hole is
/// encoded unless it is itself a fragment. Nothing else makes one, so a value from the database
/// (a payload, an error, a task name) cannot reach a page unencoded.
/// </summary>
public readonly struct HtmlFragment
{
    internal HtmlFragment(string markup) => Markup = markup;

    /// <summary>The markup; empty for the default fragment.</summary>
    public string Markup => field ?? "";

    /// <summary>No markup.</summary>
    public static HtmlFragment Empty => default;

    /// <inheritdoc/>
    public override string ToString() => Markup;
}
