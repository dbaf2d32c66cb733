using System.Text;
using System.Text.Json;

namespace Jobs.Dashboard.Rendering;

/// <summary>What the detail pages (a job, a completed job) show alike: terms with values, and a payload.</summary>
internal static class DetailFields
{
    /// <summary>A term and its value; nothing when the value is null or empty (attribution columns exist on 0.47 only).</summary>
    public static HtmlFragment Field<T>(string name, T? value)
    {
        var text = value?.ToString();
        return string.IsNullOrEmpty(text) ? HtmlFragment.Empty : Html.Of($"""<div><dt>{name}</dt><dd>{text}</dd></div>""");
    }

    /// <summary>What a job is, on both detail pages: its task, queue, key, database, priority and attempts.</summary>
    public static HtmlFragment What(string task, string? queue, string? key, Guid? databaseId, int priority, int attempts, int maxAttempts) => Html.Of($"""
        {Field("task", task)}
        {Field("queue", queue)}
        {Field("key", key)}
        {Field("database id", databaseId)}
        {Field("priority", priority)}
        {Field("attempts", $"{attempts} of {maxAttempts}")}
        """);

    /// <summary>The payload indented, as stored otherwise (a payload that is not JSON is shown as it is).</summary>
    public static string Indented(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.RootElement.WriteTo(writer);
            }
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(payload.Span);
        }
    }
}
