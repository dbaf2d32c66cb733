namespace Jobs.Generators.Model;

/// <summary>One <c>[JobTask]</c> handler, everything the emitter needs and no symbol.</summary>
/// <param name="TypeName">The handler class, fully qualified.</param>
/// <param name="MethodName">The stem of its enqueue methods: the class name less a trailing Handler or Job.</param>
/// <param name="TaskName">The task identifier.</param>
/// <param name="Queue">The attribute's default queue.</param>
/// <param name="Priority">The attribute's default priority.</param>
/// <param name="MaxAttempts">The attribute's default max attempts.</param>
/// <param name="TimeoutSeconds">The attribute's timeout.</param>
/// <param name="IsPublic">Handler and arguments are visible outside the assembly, so the enqueue methods can be public.</param>
/// <param name="Args">The arguments type.</param>
/// <param name="Recurring">Its valid <c>[Recurring]</c>, if any.</param>
/// <param name="Shapes">Every shape the arguments need, the arguments' own first.</param>
internal sealed record HandlerModel(
    string TypeName,
    string MethodName,
    string TaskName,
    string? Queue,
    int? Priority,
    int? MaxAttempts,
    int? TimeoutSeconds,
    bool IsPublic,
    TypeRef Args,
    EquatableArray<PayloadShape> Shapes,
    RecurringModel? Recurring = null)
{
    /// <summary>True when some shape is serialized through the user's JsonSerializerContext.</summary>
    public bool NeedsContext
    {
        get
        {
            foreach (var shape in Shapes)
            {
                if (shape.Kind == ShapeKind.External)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
