using System.Text.Json.Serialization;

namespace Jobs.EndToEnd.Tests.Payloads;

// Issue 10's silent losses, as a user writes them: non-public members System.Text.Json reads and
// writes under [JsonInclude], a non-public [JsonConstructor], and a context-served HashSet of records.

/// <summary>[JsonInclude] on non-public accessors and properties of a class.</summary>
public class FidelityHidden
{
    [JsonInclude]
    public string Secret { get; private set; } = "";

    [JsonInclude]
    public int Counter { get; protected set; }

    [JsonInclude]
    public string Stamp { get; private init; } = "default";

    [JsonInclude]
    private string Hidden { get; set; } = "";

    [JsonInclude]
    public string Blind { private get; set; } = "";

    [JsonInclude]
    internal long Internal { get; set; }

    /// <summary>No [JsonInclude]: written, never read (System.Text.Json does the same).</summary>
    public string Plain { get; private set; } = "";

    public static FidelityHidden Create(string secret, int counter, string stamp, string hidden, string blind, long @internal, string plain) =>
        new() { Secret = secret, Counter = counter, Stamp = stamp, Hidden = hidden, Blind = blind, Internal = @internal, Plain = plain };

    public string HiddenValue() => Hidden;

    public string BlindValue() => Blind;
}

/// <summary>A struct with a [JsonInclude] private setter (UnsafeAccessor by ref).</summary>
public struct FidelityStruct
{
    public FidelityStruct(int x, int y)
    {
        X = x;
        Y = y;
    }

    [JsonInclude]
    public int X { get; private set; }

    public int Y { get; set; }
}

/// <summary>Made through a private [JsonConstructor].</summary>
public sealed class FidelityMade
{
    [JsonConstructor]
    private FidelityMade(string name, int size)
    {
        Name = name;
        Size = size;
    }

    public string Name { get; }

    public int Size { get; }

    public static FidelityMade Of(string name, int size) => new(name, size);
}

/// <summary>A line of a context-served set: named by the context's options, which must match the assembly's (JOBS018).</summary>
public sealed record FidelityLine(string Sku, int Qty, decimal Price);

/// <summary>The payload of <c>e2e_fidelity</c>.</summary>
public sealed record FidelityArgs(FidelityHidden Hidden, FidelityStruct Point, FidelityMade Made, HashSet<FidelityLine> Lines);
