using System.ComponentModel;
using System.Globalization;

namespace Jobs;

/// <summary>
/// Where a value sits in a payload (<c>$.items[2].name</c>), kept as its parent's path plus one
/// step so that reading a value builds no string unless an error needs it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct JobPayloadPath
{
    private readonly string? _parent;
    private readonly string? _property;
    private readonly int _index;

    /// <summary>The path of the property <paramref name="property"/> of the object at <paramref name="parent"/>.</summary>
    public JobPayloadPath(string parent, string property)
    {
        _parent = parent;
        _property = property;
        _index = -1;
    }

    /// <summary>The path of element <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public JobPayloadPath(string parent, int index)
    {
        _parent = parent;
        _property = null;
        _index = index;
    }

    private JobPayloadPath(string path)
    {
        _parent = path;
        _property = null;
        _index = -1;
    }

    /// <summary>The payload's root, <c>$</c>.</summary>
    public static JobPayloadPath Root => new("$");

    /// <summary>A path already written out.</summary>
    public static implicit operator JobPayloadPath(string path) => new(path);

    /// <summary>A path already written out.</summary>
    public static JobPayloadPath FromString(string path) => new(path);

    /// <summary>The path in JSONPath-like notation.</summary>
    public override string ToString() =>
        _property is not null ? _parent + "." + _property
        : _index >= 0 ? _parent + "[" + _index.ToString(CultureInfo.InvariantCulture) + "]"
        : _parent ?? "$";
}
