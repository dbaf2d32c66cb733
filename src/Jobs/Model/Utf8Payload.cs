using System.Runtime.InteropServices;
using System.Text;

namespace Jobs;

/// <summary>
/// A job's payload as the json column holds it: UTF-8 bytes, kept as read, with the text decoded
/// only when first asked for. The worker hands the bytes to the generated reader, so a job that
/// runs never pays for a string. Equal when the bytes are, so <see cref="JobRow"/> keeps value equality.
/// </summary>
internal sealed class Utf8Payload : IEquatable<Utf8Payload>
{
    /// <summary>The empty object, <c>{}</c>: what an empty payload means.</summary>
    public static readonly Utf8Payload EmptyObject = new("{}"u8.ToArray());

    private string? _text;

    /// <param name="bytes">UTF-8 JSON; not copied, so the caller must not change it afterwards.</param>
    public Utf8Payload(ReadOnlyMemory<byte> bytes) => Bytes = bytes;

    /// <param name="text">The JSON text.</param>
    public Utf8Payload(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Bytes = Encoding.UTF8.GetBytes(text);
        _text = text;
    }

    /// <summary>The UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The bytes as an array, for Npgsql's array parameters: the array held when it is whole, else a copy.</summary>
    public byte[] AsArray() =>
        MemoryMarshal.TryGetArray(Bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : Bytes.ToArray();

    /// <summary>The JSON text, decoded once, on first use.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Bytes.Span);

    public bool Equals(Utf8Payload? other) => other is not null && Bytes.Span.SequenceEqual(other.Bytes.Span);

    public override bool Equals(object? obj) => Equals(obj as Utf8Payload);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes.Span);
        return hash.ToHashCode();
    }
}
