using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Jobs;

/// <summary>
/// The <c>"$version"</c> of versioned payloads (<see cref="JobPayloadVersionAttribute"/>), for
/// generated readers and writers: written as the root object's first property, read wherever it
/// stands, absent meaning version 1.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JobPayloadVersions
{
    /// <summary>The property's name.</summary>
    public const string PropertyName = "$version";

    private static readonly byte[] s_property = Encoding.UTF8.GetBytes("\"" + PropertyName + "\":");

    /// <summary>
    /// The payload <paramref name="json"/> with <c>"$version": version</c> as its first property; a
    /// payload that is not an object (null) is returned as it is.
    /// </summary>
    public static ReadOnlyMemory<byte> Stamp(ReadOnlyMemory<byte> json, int version)
    {
        var span = json.Span;
        var open = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (open < 0 || span[open] != (byte)'{')
        {
            return json;
        }
        var next = span[(open + 1)..].IndexOfAnyExcept(" \t\r\n"u8);
        var empty = next >= 0 && span[open + 1 + next] == (byte)'}';
        var number = Encoding.UTF8.GetBytes(version.ToString(CultureInfo.InvariantCulture));
        var stamped = new byte[span.Length + s_property.Length + number.Length + (empty ? 0 : 1)];
        span[..(open + 1)].CopyTo(stamped);
        var at = open + 1;
        s_property.CopyTo(stamped, at);
        at += s_property.Length;
        number.CopyTo(stamped, at);
        at += number.Length;
        if (!empty)
        {
            stamped[at++] = (byte)',';
        }
        span[(open + 1)..].CopyTo(stamped.AsSpan(at));
        return stamped;
    }

    /// <summary>The same for JSON text (a <c>[Recurring]</c> payload, say).</summary>
    public static string Stamp(string json, int version) =>
        Encoding.UTF8.GetString(Stamp(Encoding.UTF8.GetBytes(json), version).Span);

    /// <summary>
    /// The payload's version: its root object's <c>"$version"</c>, 1 when it has none (written
    /// before the type was versioned), 0 when the payload is not an object (null, say). Anything but
    /// a positive integer there is a <see cref="JobPayloadException"/>.
    /// </summary>
    public static int Of(ReadOnlySpan<byte> json)
    {
        var reader = JobPayloadReader.Open(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return 0; // not an object: the type's reader reads or refuses it
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals(PropertyName);
                reader.Read();
                if (isVersion)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version) && version >= 1
                        ? version
                        : throw new JobPayloadException($"The payload's '{PropertyName}' must be a positive integer.");
                }
                reader.Skip();
            }
            return 1;
        }
        catch (JsonException exception)
        {
            throw JobPayloadErrors.NotJson(exception);
        }
    }

    /// <summary>A payload written by a newer version of the type than this process knows (a deployment rolled back).</summary>
    public static JobPayloadException Newer(int version, int known, string typeName) =>
        new($"The payload is version {version} of {typeName}, newer than version {known}, the newest this process reads; run it on a worker that knows version {version}.");
}
