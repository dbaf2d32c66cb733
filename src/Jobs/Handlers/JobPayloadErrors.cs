using System.ComponentModel;
using System.Text.Json;

namespace Jobs;

/// <summary>The <see cref="JobPayloadException"/>s thrown by generated payload readers, each naming the property at fault.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JobPayloadErrors
{
    /// <summary>A required property is absent.</summary>
    public static JobPayloadException Missing(string objectPath, string property) =>
        new($"The payload has no value for the required property '{new JobPayloadPath(objectPath, property)}'.");

    /// <summary>A JSON null where the type does not allow one.</summary>
    public static JobPayloadException Null(JobPayloadPath path, string expected) =>
        new($"The payload's property '{path}' is null; it must be {expected}.");

    /// <summary>A token of the wrong kind, such as a string where a number belongs.</summary>
    public static JobPayloadException WrongToken(JobPayloadPath path, string expected, JsonTokenType found) =>
        found == JsonTokenType.Null
            ? Null(path, expected)
            : new($"The payload's property '{path}' must be {expected}, but it is {Describe(found)}.");

    /// <summary>A token of the right kind whose value does not fit the type (an overflow, a malformed date).</summary>
    public static JobPayloadException Invalid(JobPayloadPath path, string expected) =>
        new($"The payload's property '{path}' must be {expected}; its value is out of range or malformed.");

    /// <summary>A value that System.Text.Json (through the assembly's serializer context) could not read.</summary>
    public static JobPayloadException Invalid(JobPayloadPath path, JsonException exception) =>
        new($"The payload's property '{path}' could not be read: {exception.Message}", exception);

    /// <summary>The payload is not well-formed JSON.</summary>
    public static JobPayloadException NotJson(JsonException exception) =>
        new($"The payload is not valid JSON: {exception.Message}", exception);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
