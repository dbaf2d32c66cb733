namespace Jobs;

/// <summary>
/// Assembly-wide settings of the generated payload serializers, for example
/// <c>[assembly: JobsSerialization(NamingPolicy = JobsNamingPolicy.CamelCase, Context = typeof(MyJsonContext))]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class JobsSerializationAttribute : Attribute
{
    /// <summary>How JSON properties are named when <c>[JsonPropertyName]</c> does not name them; default snake_case.</summary>
    public JobsNamingPolicy NamingPolicy { get; set; } = JobsNamingPolicy.SnakeCaseLower;

    /// <summary>
    /// A <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> (source-generated, so
    /// AOT-safe) used for payload members whose types the generated serializers do not handle
    /// themselves. Without one, a handler whose payload needs it gets no generated code.
    /// </summary>
    public Type? Context { get; set; }
}
