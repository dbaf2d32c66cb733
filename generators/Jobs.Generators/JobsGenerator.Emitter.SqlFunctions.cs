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
        // The enqueue function's own parameters, after the payload's. A payload member of the same
        // name takes the prefix "payload_" so both can be passed by name.
        // Ignoring case: an unquoted name in a call folds to lower case, so "Priority" => 5 would set the job's.
        private static readonly HashSet<string> JobParameterNames = new(StringComparer.OrdinalIgnoreCase)
        {
            "db_id", "run_at", "job_key", "queue_name", "priority", "max_attempts", "v_payload", "v_job", "v_schema", "v_problem",
        };

        // PostgreSQL takes at most 100 arguments, and the job's own parameters are six.
        private const int MaxPayloadParameters = 94;

        private const int MaxIdentifierBytes = 63;

        /// <summary>
        /// The task's typed SQL enqueue function, as a <c>Jobs.JobSqlFunction</c> expression: one
        /// parameter per payload member with a PostgreSQL type, checks that refuse what the payload
        /// reader would refuse, and the plpgsql that builds the payload as the generated writer
        /// would write it. The runtime wraps it into the function for a given schema and add_job.
        /// </summary>
        private static string SqlFunction(HandlerModel handler, AssemblySettings settings, PayloadNames names)
        {
            var function = SqlFunctionName(handler.TaskName);
            var members = SqlMembers(handler, settings, names, function);
            if (members.Count > MaxPayloadParameters)
            {
                return "null"; // too many members for one SQL function: such a task has none
            }
            var parameters = string.Join(", ", members
                .OrderBy(m => m.Required ? 0 : 1)
                .Select(m => Quote(m.Parameter) + " " + m.Map.Type + (m.Required ? "" : " DEFAULT NULL")));
            var body = new StringBuilder();
            foreach (var member in members)
            {
                var value = function + "." + Quote(member.Parameter);
                if (member.Required && !member.Nullable)
                {
                    body.Append("IF ").Append(value).Append(" IS NULL THEN RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed', MESSAGE = ")
                        .Append(SqlString(function + ": " + member.Parameter + " must not be null")).Append("; END IF;\n");
                }
                if (member.Map.CheckedAgainstSchema)
                {
                    // __JSON_PROBLEM__ and v_schema: the installer's JSON Schema check and the task's payload schema.
                    body.Append("IF ").Append(value).Append(" IS NOT NULL THEN v_problem := __JSON_PROBLEM__(").Append(value).Append(", v_schema #> ")
                        .Append(member.SchemaPath).Append(", v_schema, ").Append(SqlString(member.Parameter)).Append("); END IF;\n")
                        .Append("IF v_problem IS NOT NULL THEN RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = ")
                        .Append(SqlString(function + ": ")).Append(" || v_problem; END IF;\n");
                }
                if (member.Map.Check is { } check)
                {
                    body.Append("IF ").Append(value).Append(" IS NOT NULL AND NOT (").Append(check(value)).Append(") THEN RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = ")
                        .Append(SqlString(function + ": " + member.Parameter + " " + member.Map.Refusal)).Append("; END IF;\n");
                }
            }
            if (members.Count == 1 && members[0].Json is null)
            {
                // A null payload is the JSON null, not a missing one.
                body.Append("v_payload := coalesce(to_json(").Append(members[0].Map.Value(function + "." + Quote(members[0].Parameter))).Append("), 'null'::json);\n");
            }
            else
            {
                // The object as text, member by member in declaration order, as the writer writes it;
                // json (not jsonb) keeps what a json parameter holds as it was given: a dictionary's
                // order, a negative zero. A required member is always written (null where it may be
                // null); another is left out when NULL (concat_ws skips it), so the reader applies its
                // default, as it does when the writer's payload lacks it.
                var pieces = members.Select(m =>
                {
                    var value = function + "." + Quote(m.Parameter);
                    var piece = "to_json(" + SqlString(m.Json!) + "::text)::text || ':' || coalesce(to_json(" + m.Map.Value(value) + ")::text, 'null')";
                    return m.Required ? piece : "CASE WHEN " + value + " IS NULL THEN NULL ELSE " + piece + " END";
                }).ToList();
                // A function takes at most 100 arguments: 90 members per concat_ws, an empty group as NULL.
                var groups = new List<string>();
                if (names.Versioned(handler.Args) is { } versioned)
                {
                    // Stamped as the generated writer stamps it (JobPayloadVersions): the reader reads it as this version.
                    groups.Add(SqlString("\"$version\":" + versioned.Version.ToString(CultureInfo.InvariantCulture)));
                }
                for (var start = 0; start < pieces.Count; start += 90)
                {
                    groups.Add("nullif(concat_ws(',', " + string.Join(", ", pieces.Skip(start).Take(90)) + "), '')");
                }
                body.Append("v_payload := ('{' || ").Append(groups.Count == 0 ? "''" : "concat_ws(',', " + string.Join(", ", groups) + ")").Append(" || '}')::json;\n");
            }
            return "new global::Jobs.JobSqlFunction(" + Literal(function) + ", " + Literal(parameters) + ", " + Literal(body.ToString()) + ", "
                + (handler.Queue is null ? "null" : Literal(handler.Queue)) + ", "
                + (handler.Priority is { } priority ? priority.ToString(CultureInfo.InvariantCulture) : "null") + ", "
                + (handler.MaxAttempts is { } attempts ? attempts.ToString(CultureInfo.InvariantCulture) : "null") + ")";
        }

        /// <summary><c>add_</c> and the task name, letters, digits and underscores only, at most 63 bytes.</summary>
        internal static string SqlFunctionName(string task)
        {
            var name = new StringBuilder("add_");
            foreach (var c in task)
            {
                name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : '_');
            }
            return name.Length > MaxIdentifierBytes ? name.ToString(0, MaxIdentifierBytes) : name.ToString();
        }

        /// <summary>A payload member as a parameter.</summary>
        /// <param name="SchemaPath">Where the member's schema is in the task's payload schema, as a SQL text[] expression.</param>
        private sealed record SqlMember(string Parameter, string? Json, bool Required, bool Nullable, SqlMapping Map, string SchemaPath);

        private static List<SqlMember> SqlMembers(HandlerModel handler, AssemblySettings settings, PayloadNames names, string function)
        {
            var args = handler.Args;
            if (args.Kind != ValueKind.Shape || names.Shapes[args.ShapeKey!].Kind != ShapeKind.Object)
            {
                // Not an object: the payload is this one value.
                return [new SqlMember("payload", null, !args.IsNullable, args.IsNullable, Map(args, names), "ARRAY[]::text[]")];
            }
            var members = new List<SqlMember>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            var definition = names.Of(args.ShapeKey!); // the schema's $defs entry of the arguments (see Schema)
            foreach (var (model, json) in new EmittedMembers(names.Shapes[args.ShapeKey!], settings).Read)
            {
                var parameter = JobParameterNames.Contains(json) ? "payload_" + json : json;
                if (Encoding.UTF8.GetByteCount(parameter) > MaxIdentifierBytes || !used.Add(parameter))
                {
                    parameter = "member_" + (members.Count + 1).ToString(CultureInfo.InvariantCulture);
                    used.Add(parameter);
                }
                members.Add(new SqlMember(parameter, json, model.IsRequired, model.Type.IsNullable, Map(model.Type, names),
                    "ARRAY['$defs', " + SqlString(definition) + ", 'properties', " + SqlString(json) + "]"));
            }
            return members;
        }

        /// <summary>How a value goes from a SQL parameter into the payload.</summary>
        /// <param name="Type">The parameter's PostgreSQL type.</param>
        /// <param name="Value">The JSON value, from the parameter's reference: anything to_json takes.</param>
        /// <param name="Check">A condition a non-null value must meet; null when every value of the type is readable.</param>
        /// <param name="Refusal">What the error says when the check fails, after the parameter's name.</param>
        /// <param name="CheckedAgainstSchema">A <c>json</c> parameter: checked against its part of the payload schema.</param>
        private sealed record SqlMapping(string Type, Func<string, string> Value, Func<string, string>? Check = null, string? Refusal = null, bool CheckedAgainstSchema = false);

        private static SqlMapping Plain(string type) => new(type, x => x);

        private static SqlMapping Between(string type, string minimum, string maximum, bool integral = false) =>
            // trunc: a whole numeric written with scale 0, as the reader wants it (1, never 1.0).
            new(type, x => integral ? "trunc(" + x + ")" : x,
                x => (integral ? x + " = trunc(" + x + ") AND " : "") + x + " BETWEEN " + minimum + " AND " + maximum,
                "must be " + (integral ? "a whole number " : "") + "between " + minimum + " and " + maximum);

        private static SqlMapping Map(TypeRef type, PayloadNames names) => type.Kind switch
        {
            ValueKind.Boolean => Plain("boolean"),
            ValueKind.Byte => Between("smallint", "0", "255"),
            ValueKind.SByte => Between("smallint", "-128", "127"),
            ValueKind.Int16 => Plain("smallint"),
            ValueKind.UInt16 => Between("integer", "0", "65535"),
            ValueKind.Int32 => Plain("integer"),
            ValueKind.UInt32 => Between("bigint", "0", "4294967295"),
            ValueKind.Int64 => Plain("bigint"),
            ValueKind.UInt64 => Between("numeric", "0", "18446744073709551615", integral: true),
            ValueKind.Int128 => Between("numeric", "-170141183460469231731687303715884105728", "170141183460469231731687303715884105727", integral: true),
            ValueKind.UInt128 => Between("numeric", "0", "340282366920938463463374607431768211455", integral: true),
            // JSON has no NaN or infinity, and the reader refuses their names.
            ValueKind.Single => new("real", x => x, x => x + " NOT IN ('NaN', 'Infinity', '-Infinity')", "must be a finite number"),
            ValueKind.Double => new("double precision", x => x, x => x + " NOT IN ('NaN', 'Infinity', '-Infinity')", "must be a finite number"),
            ValueKind.Decimal => new("numeric", x => x, x => "abs(" + x + ") <= 79228162514264337593543950335", "must be a finite number within the range of decimal"),
            ValueKind.String => Plain("text"),
            // One UTF-16 code unit: a character outside the Basic Multilingual Plane takes two.
            ValueKind.Char => new("text", x => x, x => "length(" + x + ") = 1 AND ascii(" + x + ") < 65536", "must be one character of the Basic Multilingual Plane"),
            ValueKind.Guid => Plain("uuid"),
            ValueKind.DateTime => new("timestamp", x => "to_char(" + x + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.US')",
                x => x + " >= '0001-01-01' AND " + x + " < '10000-01-01'", "must be between the years 1 and 9999"),
            // Written in UTC whatever the session's TimeZone: an offset with seconds would not read.
            ValueKind.DateTimeOffset => new("timestamptz", x => "to_char(" + x + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
                x => x + " >= '0001-01-01 00:00:00+00' AND " + x + " < '10000-01-01 00:00:00+00'", "must be between the years 1 and 9999"),
            ValueKind.DateOnly => new("date", x => "to_char(" + x + ", 'YYYY-MM-DD')",
                x => x + " >= '0001-01-01' AND " + x + " < '10000-01-01'", "must be between the years 1 and 9999"),
            ValueKind.TimeOnly => new("time", x => "to_char(" + x + ", 'HH24:MI:SS.US')", x => x + " < '24:00'", "must be before 24:00"),
            ValueKind.TimeSpan => new("interval", TimeSpanText,
                x => "abs(extract(epoch FROM " + x + ")) < 922337203685", "must be within the range of TimeSpan"),
            // encode() breaks base64 lines at 76 characters; JSON wants one string.
            ValueKind.Bytes => new("bytea", x => "translate(encode(" + x + ", 'base64'), E'\\n', '')"),
            ValueKind.Enum => Map(new TypeRef(type.TypeName, RuntimeHelpers.EnumUnderlyingKind(type.EnumUnderlyingType), type.IsNullable, true), names),
            _ => MapShape(names.Shapes[type.ShapeKey!], names),
        };

        private static SqlMapping MapShape(PayloadShape shape, PayloadNames names)
        {
            switch (shape.Kind)
            {
                case ShapeKind.StringEnum:
                    var allowed = shape.Members.Select(m => m.JsonName).Distinct().ToList();
                    return new("text", x => x, x => x + " IN (" + string.Join(", ", allowed.Select(SqlString)) + ")",
                        "must be one of " + string.Join(", ", allowed));
                case ShapeKind.Array or ShapeKind.List when shape.Element is { } element && ArrayElementType(element.Kind) is { } elementType:
                    // A one-dimensional array of values whose JSON form PostgreSQL writes as the reader reads it.
                    return new(elementType + "[]", x => x,
                        x => "coalesce(array_ndims(" + x + "), 1) = 1" + (element.IsNullable ? "" : " AND array_position(" + x + ", NULL) IS NULL"),
                        element.IsNullable ? "must have one dimension" : "must have one dimension and no null element");
                default:
                    // Objects, dictionaries, other collections, and what the app's serializer context writes.
                    return new("json", x => x, CheckedAgainstSchema: true);
            }
        }

        private static string? ArrayElementType(ValueKind kind) => kind switch
        {
            ValueKind.Boolean => "boolean",
            ValueKind.Int16 => "smallint",
            ValueKind.Int32 => "integer",
            ValueKind.Int64 => "bigint",
            ValueKind.String => "text",
            ValueKind.Guid => "uuid",
            _ => null,
        };

        /// <summary>An interval as TimeSpan's constant format, <c>[-][d.]hh:mm:ss[.ffffff]</c>, from its microseconds.</summary>
        private static string TimeSpanText(string x) =>
            "(SELECT CASE WHEN us < 0 THEN '-' ELSE '' END"
            + " || CASE WHEN a >= 86400000000 THEN (a / 86400000000)::text || '.' ELSE '' END"
            + " || lpad(((a / 3600000000) % 24)::text, 2, '0') || ':' || lpad(((a / 60000000) % 60)::text, 2, '0') || ':' || lpad(((a / 1000000) % 60)::text, 2, '0')"
            + " || CASE WHEN a % 1000000 <> 0 THEN '.' || lpad((a % 1000000)::text, 6, '0') ELSE '' END"
            + " FROM (SELECT abs(us) AS a, us FROM (SELECT (extract(epoch FROM " + x + ") * 1000000)::bigint AS us) AS micro) AS parts)";

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

        private static string SqlString(string value) => "'" + value.Replace("'", "''") + "'";
    }
}
