using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Jobs.Generators.Model;

namespace Jobs.Generators;

public sealed partial class JobsGenerator
{
    internal static partial class Emitter
    {
        /// <summary>
        /// The JSON Schema (draft 2020-12) of a task's payload, from the same model the writer and
        /// reader are generated from: the members' JSON names after the naming policy, the required
        /// ones, nullability as declared, formats for GUIDs and times, the names of string enums.
        /// Every object shape is a definition of its own, so recursive payloads have a finite schema.
        /// </summary>
        private static string Schema(HandlerModel handler, AssemblySettings settings, PayloadNames names)
        {
            var definitions = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var root = Of(handler.Args, settings, names, definitions);
            if (names.Versioned(handler.Args) is { } versioned)
            {
                // This version's payloads carry "$version" (earlier ones, read through Upcast, are not this schema's).
                root = "{\"allOf\":[" + root + "],\"properties\":{\"$version\":{\"const\":" + versioned.Version.ToString(CultureInfo.InvariantCulture) + "}},\"required\":[\"$version\"]}";
            }
            var json = new StringBuilder();
            json.Append("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"title\":").Append(JsonString(handler.TaskName));
            json.Append(',').Append(root.Substring(1, root.Length - 2));
            if (definitions.Count > 0)
            {
                json.Append(",\"$defs\":{").Append(string.Join(",", definitions.Select(d => JsonString(d.Key) + ":" + d.Value))).Append('}');
            }
            return json.Append('}').ToString();
        }

        private static string Of(TypeRef type, AssemblySettings settings, PayloadNames names, SortedDictionary<string, string> definitions)
        {
            var schema = type.Kind switch
            {
                ValueKind.Boolean => "{\"type\":\"boolean\"}",
                ValueKind.Byte => Integer(byte.MinValue, byte.MaxValue),
                ValueKind.SByte => Integer(sbyte.MinValue, sbyte.MaxValue),
                ValueKind.Int16 => Integer(short.MinValue, short.MaxValue),
                ValueKind.UInt16 => Integer(ushort.MinValue, ushort.MaxValue),
                ValueKind.Int32 => Integer(int.MinValue, int.MaxValue),
                ValueKind.UInt32 => Integer(uint.MinValue, uint.MaxValue),
                ValueKind.Int64 => Integer(long.MinValue, long.MaxValue),
                // Bounds beyond long's, as JSON number text: a reader of the schema checks the range the C# type reads.
                ValueKind.UInt64 => Bounded("integer", "0", "18446744073709551615"),
                ValueKind.Int128 => Bounded("integer", "-170141183460469231731687303715884105728", "170141183460469231731687303715884105727"),
                ValueKind.UInt128 => Bounded("integer", "0", "340282366920938463463374607431768211455"),
                ValueKind.Enum => "{\"type\":\"integer\"}",
                ValueKind.Single => Bounded("number", "-3.4028234663852886E+38", "3.4028234663852886E+38"),
                ValueKind.Double => Bounded("number", "-1.7976931348623157E+308", "1.7976931348623157E+308"),
                ValueKind.Decimal => Bounded("number", "-79228162514264337593543950335", "79228162514264337593543950335"),
                ValueKind.String or ValueKind.TimeSpan or ValueKind.TimeOnly => "{\"type\":\"string\"}",
                ValueKind.Char => "{\"type\":\"string\",\"minLength\":1,\"maxLength\":1}",
                ValueKind.Guid => "{\"type\":\"string\",\"format\":\"uuid\"}",
                // A DateTime's offset is written only when its kind has one: RFC 3339's date-time would refuse the others.
                ValueKind.DateTime => "{\"type\":\"string\",\"pattern\":" + JsonString(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$") + "}",
                ValueKind.DateTimeOffset => "{\"type\":\"string\",\"format\":\"date-time\"}",
                ValueKind.DateOnly => "{\"type\":\"string\",\"format\":\"date\"}",
                ValueKind.Bytes => "{\"type\":\"string\",\"contentEncoding\":\"base64\"}",
                _ => OfShape(names.Shapes[type.ShapeKey!], settings, names, definitions),
            };
            return type.IsNullable ? "{\"anyOf\":[" + schema + ",{\"type\":\"null\"}]}" : schema;
        }

        private static string OfShape(PayloadShape shape, AssemblySettings settings, PayloadNames names, SortedDictionary<string, string> definitions)
        {
            switch (shape.Kind)
            {
                case ShapeKind.Array:
                case ShapeKind.List:
                    return "{\"type\":\"array\",\"items\":" + Of(shape.Element!, settings, names, definitions) + "}";
                case ShapeKind.Dictionary:
                    return "{\"type\":\"object\",\"additionalProperties\":" + Of(shape.Element!, settings, names, definitions) + "}";
                case ShapeKind.External:
                    // Serialized by the app's own JsonSerializerContext: any JSON, as far as this schema knows.
                    return "{\"description\":" + JsonString("serialized by the application's JsonSerializerContext") + "}";
            }
            var name = names.Of(shape.Key);
            if (!definitions.ContainsKey(name))
            {
                definitions[name] = "{}"; // a placeholder while its members are worked out: a member may refer back to it
                // A string enum is its names; a value no member has is written as its number, as
                // JsonStringEnumConverter writes (and reads) it.
                definitions[name] = shape.Kind == ShapeKind.StringEnum
                    ? "{\"anyOf\":[{\"type\":\"string\",\"enum\":[" + string.Join(",", shape.Members.Select(m => m.JsonName).Distinct().Select(JsonString)) + "]},{\"type\":\"integer\"}]}"
                    : ObjectSchema(shape, settings, names, definitions);
            }
            return "{\"$ref\":" + JsonString("#/$defs/" + name) + "}";
        }

        private static string ObjectSchema(PayloadShape shape, AssemblySettings settings, PayloadNames names, SortedDictionary<string, string> definitions)
        {
            var members = new EmittedMembers(shape, settings).All
                .Where(m => m.Model.Write != WriteCondition.Never || m.Model.Read != ReadMode.None)
                .ToList();
            var properties = string.Join(",", members.Select(m => JsonString(m.Json) + ":" + Of(m.Model.Type, settings, names, definitions)));
            var required = members.Where(m => m.Model.IsRequired && m.Model.Read != ReadMode.None).Select(m => JsonString(m.Json)).ToList();
            return "{\"type\":\"object\",\"properties\":{" + properties + "}"
                + (required.Count > 0 ? ",\"required\":[" + string.Join(",", required) + "]" : "")
                + "}";
        }

        private static string Bounded(string type, string minimum, string maximum) =>
            "{\"type\":\"" + type + "\",\"minimum\":" + minimum + ",\"maximum\":" + maximum + "}";

        private static string Integer(long minimum, long maximum) =>
            "{\"type\":\"integer\",\"minimum\":" + minimum.ToString(CultureInfo.InvariantCulture) + ",\"maximum\":" + maximum.ToString(CultureInfo.InvariantCulture) + "}";

        private static string JsonString(string value)
        {
            var text = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                _ = c switch
                {
                    '"' => text.Append("\\\""),
                    '\\' => text.Append("\\\\"),
                    < ' ' => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                    _ => text.Append(c),
                };
            }
            return text.Append('"').ToString();
        }
    }
}
