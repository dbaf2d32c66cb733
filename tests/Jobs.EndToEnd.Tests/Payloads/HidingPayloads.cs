using System.Text.Json.Serialization;

namespace Jobs.EndToEnd.Tests.Payloads;

// A derived member hiding a base member of its C# name, as System.Text.Json resolves the hierarchy:
// a member it does not take ([JsonIgnore], non-public without [JsonInclude]) hides nothing, the base
// member is written in its place; one it takes hides the base member of its JSON name.

/// <summary>The base: every member is hidden by one of <see cref="HidingArgs"/>.</summary>
public class HidingBase
{
    public int Ignored { get; set; }

    public string? NonPublic { get; set; }

    public int WhenDefault { get; set; }

    public int WhenReading { get; set; }

    public virtual int Overridden { get; set; }

    public virtual int HiddenVirtual { get; set; }

    public int Included { get; set; }

    public int Field { get; set; }

    public string? FieldIgnored { get; set; }
}

/// <summary>The payload: members hiding <see cref="HidingBase"/>'s.</summary>
public class HidingArgs : HidingBase
{
    /// <summary>[JsonIgnore] (Always): the base member is written and read, in this one's place.</summary>
    [JsonIgnore]
    public new int Ignored { get; set; }

    public int After { get; set; }

    /// <summary>Not public, no [JsonInclude]: the base member is written and read.</summary>
    private new string? NonPublic { get; set; }

    /// <summary>Another ignore condition: this one hides the base member.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public new int WhenDefault { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
    public new int WhenReading { get; set; }

    /// <summary>An override under [JsonIgnore]: neither is written or read.</summary>
    [JsonIgnore]
    public override int Overridden { get; set; }

    /// <summary>new, not an override, over a virtual property: the base member is written.</summary>
    [JsonIgnore]
    public new int HiddenVirtual { get; set; }

    /// <summary>Not public, [JsonInclude]: this one hides the base member.</summary>
    [JsonInclude]
    internal new int Included { get; set; }

    /// <summary>A [JsonInclude] field hiding a base property.</summary>
    [JsonInclude]
    public new int Field;

    /// <summary>A [JsonInclude] field under [JsonIgnore]: the base property is written.</summary>
    [JsonInclude]
    [JsonIgnore]
    public new string? FieldIgnored;

    public static HidingArgs Create(int[] n, string? a, string? b, string? c, string? d)
    {
        var value = new HidingArgs
        {
            Ignored = n[0], After = n[1], NonPublic = a, WhenDefault = n[2], WhenReading = n[3], Overridden = n[4],
            HiddenVirtual = n[5], Included = n[6], Field = n[7], FieldIgnored = c,
        };
        HidingBase @base = value;
        @base.Ignored = n[9];
        @base.NonPublic = b;
        @base.WhenDefault = n[10];
        @base.WhenReading = n[11];
        @base.HiddenVirtual = n[12];
        @base.Included = n[13];
        @base.Field = n[14];
        @base.FieldIgnored = d;
        return value;
    }

    public string? NonPublicValue() => NonPublic;
}
