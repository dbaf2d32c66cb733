using System.ComponentModel;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Jobs;

/// <summary>Looks up the type infos generated payload serializers borrow from the assembly's <see cref="JsonSerializerContext"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JobSerializerContexts
{
    /// <summary>The context's type info for <typeparamref name="T"/>; a clear error when the context does not know the type.</summary>
    public static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new InvalidOperationException(
                $"The JsonSerializerContext {context.GetType().FullName} named in [assembly: JobsSerialization(Context = ...)] has no type info for {typeof(T).FullName}; add [JsonSerializable(typeof({CSharpTypeName.Of(typeof(T))}))] to it.");
    }
}
