using System.Text;

namespace Jobs;

/// <summary>
/// A type as C# source names it (<c>Dictionary&lt;string, List&lt;Order.Line&gt;&gt;</c>, <c>int?</c>,
/// <c>byte[]</c>), for messages that tell the user what to write: the CLR's own names
/// (<c>Dictionary`2</c>, <c>Order+Line</c>) do not compile.
/// </summary>
internal static class CSharpTypeName
{
    public static string Of(Type type)
    {
        var name = new StringBuilder();
        Append(name, type);
        return name.ToString();
    }

    private static void Append(StringBuilder name, Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            Append(name, underlying);
            name.Append('?');
            return;
        }
        if (type.IsArray)
        {
            Append(name, type.GetElementType()!);
            name.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
            return;
        }
        if (Keywords.TryGetValue(type, out var keyword))
        {
            name.Append(keyword);
            return;
        }
        var arguments = type.IsGenericType ? type.GetGenericArguments() : [];
        AppendDeclaring(name, type, arguments);
    }

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(char)] = "char",
        [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
        [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object",
    };

    // A nested type's containers come first, each with the generic arguments that belong to it
    // (a nested type's argument list starts with its containers' arguments).
    private static int AppendDeclaring(StringBuilder name, Type type, Type[] arguments)
    {
        var used = 0;
        if (type.IsNested && type.DeclaringType is { } declaring)
        {
            used = AppendDeclaring(name, declaring, arguments);
            name.Append('.');
        }
        var simple = type.Name;
        var tick = simple.IndexOf('`', StringComparison.Ordinal);
        var own = 0;
        if (tick >= 0)
        {
            own = int.Parse(simple.AsSpan(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
            simple = simple[..tick];
        }
        name.Append(simple);
        if (own > 0)
        {
            name.Append('<');
            for (var i = 0; i < own; i++)
            {
                if (i > 0)
                {
                    name.Append(", ");
                }
                Append(name, arguments[used + i]);
            }
            name.Append('>');
        }
        return used + own;
    }
}
