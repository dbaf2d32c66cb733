using System.Globalization;
using System.Text.Json;

namespace Jobs;

/// <summary>
/// A lone surrogate met by a generated payload writer. <see cref="JobPayloadWriter.Serialize{T}"/>
/// catches it and throws an <see cref="ArgumentException"/> naming the value's JSON path, which it
/// reads off the JSON written so far; should one escape anyway, it is still a clear refusal.
/// </summary>
internal sealed class LoneSurrogateException(LoneSurrogateException.Place place, string? property, string? text, int index)
    : ArgumentException(Describe(place, property is null ? "$" : "…." + property, text, index), JobPayloadWriter.ParameterName)
{
    /// <summary>Where the text sits: a value (string or char), a dictionary key, or somewhere in what a JsonSerializerContext wrote.</summary>
    public enum Place
    {
        Value,
        Key,
        Context,
    }

    /// <summary>The message, once the path of the value (or, for a key, of its object) is known.</summary>
    public string Describe(string path) => Describe(place, path, text, index);

    /// <summary>
    /// The path of the value about to be written after <paramref name="written"/>, the JSON written so
    /// far: every open array's next index and every open object's pending property, then
    /// the property name the writer was given, if any.
    /// </summary>
    public string PathAfter(ReadOnlySpan<byte> written)
    {
        // A trailing space ends a number the JSON may end with, which the reader would otherwise hold back.
        var json = new byte[written.Length + 1];
        written.CopyTo(json);
        json[^1] = (byte)' ';
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = JobLimits.MaxPayloadDepthCeiling }));
        var open = new List<(bool IsArray, int Count, string? Property)>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    open.Add((reader.TokenType == JsonTokenType.StartArray, 0, null));
                    break;
                case JsonTokenType.PropertyName:
                    open[^1] = (false, 0, reader.GetString());
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    open.RemoveAt(open.Count - 1);
                    Done(open);
                    break;
                default:
                    Done(open);
                    break;
            }
        }
        var path = new System.Text.StringBuilder("$");
        foreach (var (isArray, count, pending) in open)
        {
            if (isArray)
            {
                path.Append('[').Append(count.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (pending is not null)
            {
                path.Append('.').Append(pending);
            }
        }
        return property is null ? path.ToString() : path.Append('.').Append(property).ToString();

        static void Done(List<(bool IsArray, int Count, string? Property)> open)
        {
            if (open.Count > 0)
            {
                var (isArray, count, _) = open[^1];
                open[^1] = (isArray, isArray ? count + 1 : 0, null);
            }
        }
    }

    private static string Describe(Place place, string path, string? text, int index) => place switch
    {
        Place.Key => InputText.LoneSurrogate($"A key of the payload's property '{path}' (\"{InputText.Echo(text!)}\")", text![index], index) + Consequence,
        Place.Value => InputText.LoneSurrogate($"The payload's property '{path}' (\"{InputText.Echo(text!)}\")", text![index], index) + Consequence,
        _ => $"The payload's property '{path}', written by the JsonSerializerContext, holds a string with a lone surrogate; it is not valid Unicode and has no UTF-8 form.{Consequence}",
    };

    private const string Consequence = " System.Text.Json would write U+FFFD in its place, so the payload is refused rather than changed.";
}
