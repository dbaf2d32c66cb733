namespace Jobs.Generators.Model;

/// <summary>When a property is written, after <c>[JsonIgnore(Condition = ...)]</c>.</summary>
internal enum WriteCondition
{
    Always,
    Never,
    WhenNotNull,
    WhenNotDefault,
}
