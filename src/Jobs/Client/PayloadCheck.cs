using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Jobs;

/// <summary>
/// Checks a caller's UTF-8 JSON payload before it is sent: well-formed, valid UTF-8 throughout,
/// within the depth limit, and with no string that System.Text.Json could not read back. What
/// passes is stored byte for byte; nothing is ever repaired or substituted.
/// </summary>
internal static class PayloadCheck
{
    /// <exception cref="ArgumentException">The payload breaks one of the rules; the message says where.</exception>
    public static void Validate(ReadOnlySpan<byte> payload, int maxDepth, string parameterName)
    {
        if (payload.IsEmpty)
        {
            return;
        }
        // Utf8JsonReader does not look inside string values, and decoding would turn a bad sequence
        // into U+FFFD: the bytes stored would then differ from the bytes sent.
        if (!Utf8.IsValid(payload))
        {
            throw new ArgumentException(InvalidUtf8(payload), parameterName);
        }
        // One level of room above the limit, so that going past it is reported here, in our words.
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= maxDepth:
                        throw new ArgumentException(
                            $"The payload nests objects and arrays more than {maxDepth} levels deep (at byte offset {reader.TokenStartIndex}); "
                            + $"the limit is JobsClientOptions.MaxPayloadDepth ({maxDepth}, at most {JobLimits.MaxPayloadDepthCeiling}).", parameterName);
                    case JsonTokenType.String or JsonTokenType.PropertyName when reader.ValueIsEscaped:
                        CheckEscapes(ref reader, parameterName);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The payload is not valid JSON: {ex.Message}", parameterName, ex);
        }
    }

    // JSON lets \uD800 stand alone, and PostgreSQL's json type stores it, but it is no character:
    // System.Text.Json refuses to read it, so the worker could never run the job.
    private static void CheckEscapes(ref Utf8JsonReader reader, string parameterName)
    {
        try
        {
            _ = reader.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException(
                $"The payload has a string at byte offset {reader.TokenStartIndex} whose \\u escapes are not valid Unicode (a lone surrogate): {ex.Message}",
                parameterName, ex);
        }
    }

    private static string InvalidUtf8(ReadOnlySpan<byte> payload)
    {
        var offset = 0;
        while (offset < payload.Length && Rune.DecodeFromUtf8(payload[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        var bad = payload.Slice(offset, Math.Min(4, payload.Length - offset));
        return $"The payload is not valid UTF-8: the bytes at offset {offset} ({BitConverter.ToString(bad.ToArray()).Replace('-', ' ')}) are not a UTF-8 sequence. "
            + "Nothing was stored; send the text encoded as UTF-8.";
    }
}
