using System.Collections.Generic;
using System.Linq;
using Jobs.Generators.Model;

namespace Jobs.Analyzers;

/// <summary>Where each shape of a payload first appears, as a C# member path: <c>CrawlArgs.Links[i].Target</c>.</summary>
internal static class PayloadPaths
{
    public static Dictionary<string, string> Of(TypeRef args, IEnumerable<PayloadShape> shapes, string root)
    {
        var byKey = new Dictionary<string, PayloadShape>();
        foreach (var shape in shapes)
        {
            byKey[shape.Key] = shape;
        }

        var paths = new Dictionary<string, string>();
        var pending = new Queue<(string Key, string Path)>();
        if (args.ShapeKey is { } rootKey)
        {
            pending.Enqueue((rootKey, root));
        }
        while (pending.Count > 0)
        {
            var (key, path) = pending.Dequeue();
            if (paths.ContainsKey(key) || !byKey.TryGetValue(key, out var shape))
            {
                continue;
            }
            paths[key] = path;
            switch (shape.Kind)
            {
                case ShapeKind.Object:
                    foreach (var property in shape.Properties.Where(p => p.Type.ShapeKey is not null))
                    {
                        pending.Enqueue((property.Type.ShapeKey!, path + "." + property.Name));
                    }
                    break;
                case ShapeKind.Array:
                case ShapeKind.List:
                    if (shape.Element?.ShapeKey is { } item)
                    {
                        pending.Enqueue((item, path + "[i]"));
                    }
                    break;
                case ShapeKind.Dictionary:
                    if (shape.Element?.ShapeKey is { } value)
                    {
                        pending.Enqueue((value, path + "[key]"));
                    }
                    break;
            }
        }
        return paths;
    }
}
