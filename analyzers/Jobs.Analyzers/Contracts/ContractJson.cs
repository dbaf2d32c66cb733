using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Jobs.Analyzers.Contracts;

/// <summary>
/// Reads and writes <c>jobs.contracts.json</c>. Written sorted and indented, one member per line,
/// so a change to a payload is a readable diff. The analyzers target netstandard2.0, where
/// System.Text.Json is not there to load, hence this small reader of the file's own subset of JSON.
/// Public, like the rest of the contract types, for the analyzer tests only: an analyzer assembly is
/// never referenced by user code.
/// </summary>
public static class ContractJson
{
    /// <summary>The file's name, matched case-insensitively among the project's additional files.</summary>
    public const string FileName = "jobs.contracts.json";

    private const string Comment =
        "Payload contracts of this assembly's job tasks, checked at build time by the Jobs analyzers: " +
        "a change that breaks payloads already enqueued is an error (JOBS021, JOBS023). " +
        "Update this file with the code fix of JOBS022; see the Jobs README, 'Payload contracts'.";

    /// <summary>The file's text for <paramref name="tasks"/>.</summary>
    public static string Write(IReadOnlyDictionary<string, TaskContract> tasks)
    {
        var text = new StringBuilder();
        text.Append("{\n  \"$comment\": ").Append(Quote(Comment)).Append(",\n  \"tasks\": {");
        var firstTask = true;
        foreach (var task in tasks.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append(firstTask ? "\n" : ",\n");
            firstTask = false;
            text.Append("    ").Append(Quote(task.Key)).Append(": ");
            WriteContract(text, task.Value, "    ");
        }
        text.Append(firstTask ? "}\n}\n" : "\n  }\n}\n");
        return text.ToString();
    }

    /// <summary>One contract as an object at <paramref name="indent"/>; an earlier version's under "previous", the same way.</summary>
    private static void WriteContract(StringBuilder text, TaskContract contract, string indent)
    {
        var inner = indent + "  ";
        text.Append("{\n");
        if (contract.Version > 1)
        {
            text.Append(inner).Append("\"version\": ").Append(contract.Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        }
        text.Append(inner).Append("\"payload\": ").Append(Quote(contract.Payload));
        if (contract.Types.Count > 0)
        {
            text.Append(",\n").Append(inner).Append("\"types\": {");
            var firstType = true;
            foreach (var type in contract.Types)
            {
                text.Append(firstType ? "\n" : ",\n");
                firstType = false;
                text.Append(inner).Append("  ").Append(Quote(type.Key)).Append(": ");
                if (type.Value.EnumNames is { } names)
                {
                    text.Append('[').Append(string.Join(", ", names.Select(Quote))).Append(']');
                }
                else if (type.Value.Values is { } values)
                {
                    // An enum written as a number: its underlying type, then each member's value.
                    text.Append("{\"$underlying\": ").Append(Quote(type.Value.Underlying!));
                    text.Append(string.Concat(values.OrderBy(v => decimal.Parse(v.Value, CultureInfo.InvariantCulture)).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => ", " + Quote(v.Key) + ": " + v.Value)));
                    text.Append('}');
                }
                else if (type.Value.Members!.Count == 0)
                {
                    text.Append("{}");
                }
                else
                {
                    text.Append("{\n");
                    text.Append(string.Join(",\n", type.Value.Members.Select(m => inner + "    " + Quote(m.Key) + ": " + Quote(m.Value.ToString()))));
                    text.Append('\n').Append(inner).Append("  }");
                }
            }
            text.Append('\n').Append(inner).Append('}');
        }
        if (contract.Previous is { } previous)
        {
            // Earlier versions stay checked: old jobs and producers not yet moved still write them.
            text.Append(",\n").Append(inner).Append("\"previous\": ");
            WriteContract(text, previous, inner);
        }
        text.Append('\n').Append(indent).Append('}');
    }

    /// <summary>The file's tasks, each with where its name stands in the text (for diagnostics).</summary>
    /// <exception cref="FormatException">The text is not a contract file, with where and why.</exception>
    public static Dictionary<string, (TaskContract Contract, int Position)> Read(string text)
    {
        var root = new Reader(text).ReadDocument();
        var tasks = new Dictionary<string, (TaskContract, int)>(StringComparer.Ordinal);
        if (root.Object is not { } rootMembers)
        {
            throw new FormatException("the file must hold one JSON object");
        }
        var tasksNode = rootMembers.FirstOrDefault(m => m.Name == "tasks");
        if (tasksNode.Value is null)
        {
            return tasks;
        }
        foreach (var (name, value, position) in tasksNode.Value.Object ?? throw Invalid(tasksNode.Value, "\"tasks\" must be an object"))
        {
            tasks[name] = (ReadContract(value, $"task '{name}'"), position);
        }
        return tasks;
    }

    private static TaskContract ReadContract(Node value, string what)
    {
        var members = value.Object ?? throw Invalid(value, $"{what} must be an object");
        var payloadNode = members.FirstOrDefault(m => m.Name == "payload").Value;
        var payload = payloadNode?.String ?? throw Invalid(value, $"{what} needs a \"payload\" string");
        var types = new SortedDictionary<string, ContractType>(StringComparer.Ordinal);
        var typesNode = members.FirstOrDefault(m => m.Name == "types").Value;
        foreach (var (typeName, typeValue, _) in typesNode?.Object ?? (typesNode is null ? [] : throw Invalid(typesNode, $"\"types\" of {what} must be an object")))
        {
            types[typeName] = typeValue.Array is { } names
                ? ContractType.StringEnum(names.Select(n => n.String ?? throw Invalid(n, $"enum '{typeName}' must list strings")))
                : typeValue.Object?.FirstOrDefault(m => m.Name == "$underlying").Value is { } underlying
                ? ContractType.NumericEnum(
                    underlying.String ?? throw Invalid(underlying, $"\"$underlying\" of enum '{typeName}' must be a string"),
                    typeValue.Object!.Where(m => m.Name != "$underlying").Select(m => new KeyValuePair<string, string>(m.Name,
                        m.Value.Number is { } number && decimal.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? number : throw Invalid(m.Value, $"'{m.Name}' of enum '{typeName}' must be an integer"))))
                : ContractType.Object(new SortedDictionary<string, ContractMember>(
                    (typeValue.Object ?? throw Invalid(typeValue, $"type '{typeName}' must be an object or an array"))
                        .ToDictionary(m => m.Name, m => Member(m.Value, typeName, m.Name), StringComparer.Ordinal),
                    StringComparer.Ordinal));
        }
        var versionNode = members.FirstOrDefault(m => m.Name == "version").Value;
        var version = 1;
        if (versionNode is not null && (versionNode.Number is not { } number || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1))
        {
            throw Invalid(versionNode, $"\"version\" of {what} must be a positive integer");
        }
        var previousNode = members.FirstOrDefault(m => m.Name == "previous").Value;
        var previous = previousNode is null ? null : ReadContract(previousNode, $"the version before {version} of {what}");
        if (previous is not null && previous.Version >= version)
        {
            throw Invalid(previousNode!, $"the version before {version} of {what} is version {previous.Version}, not below it");
        }
        return new TaskContract(Checked(payload, payloadNode!), types, version, previous);
    }

    private static ContractMember Member(Node value, string typeName, string memberName)
    {
        var member = ContractMember.Parse(value.String ?? throw Invalid(value, $"member '{memberName}' of '{typeName}' must be a string"));
        _ = Checked(member.Type, value);
        return member;
    }

    private static string Checked(string type, Node node)
    {
        try
        {
            return TypeExpression.Parse(type).ToString();
        }
        catch (FormatException ex)
        {
            throw Invalid(node, ex.Message);
        }
    }

    private static FormatException Invalid(Node node, string message) => AtOffset(message, node.Position);

    /// <summary>Where in the text a <see cref="FormatException"/> of <see cref="Read"/> found the problem (0 when it names no place).</summary>
    public static int OffsetOf(FormatException exception) => exception.Data[OffsetKey] is int offset ? offset : 0;

    private const string OffsetKey = "Jobs.ContractOffset";

    // The offset in the message for people, and in Data for the analyzer's location.
    private static FormatException AtOffset(string message, int offset)
    {
        var exception = new FormatException($"{message} (at offset {offset.ToString(CultureInfo.InvariantCulture)})");
        exception.Data[OffsetKey] = offset;
        return exception;
    }

    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                < ' ' => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }
        return text.Append('"').ToString();
    }

    /// <summary>A JSON value: an object's members in order, an array, a string, or something else (number, true, false, null).</summary>
    private sealed record Node(int Position, List<(string Name, Node Value, int Position)>? Object = null, List<Node>? Array = null, string? String = null, string? Number = null);

    private sealed class Reader(string text)
    {
        private int _at;

        public Node ReadDocument()
        {
            var value = ReadValue();
            SkipWhitespace();
            return _at == text.Length ? value : throw Error("text after the JSON object");
        }

        private Node ReadValue()
        {
            SkipWhitespace();
            var start = _at;
            if (_at >= text.Length)
            {
                throw Error("the text ends early");
            }
            switch (text[_at])
            {
                case '{':
                    _at++;
                    var members = new List<(string, Node, int)>();
                    SkipWhitespace();
                    if (Peek('}'))
                    {
                        return new Node(start, Object: members);
                    }
                    do
                    {
                        SkipWhitespace();
                        var namePosition = _at;
                        var name = ReadString();
                        SkipWhitespace();
                        Expect(':');
                        var value = ReadValue();
                        if (members.Any(m => m.Item1 == name))
                        {
                            throw Error($"'{name}' appears twice");
                        }
                        members.Add((name, value, namePosition));
                        SkipWhitespace();
                    }
                    while (Peek(','));
                    Expect('}');
                    return new Node(start, Object: members);
                case '[':
                    _at++;
                    var items = new List<Node>();
                    SkipWhitespace();
                    if (Peek(']'))
                    {
                        return new Node(start, Array: items);
                    }
                    do
                    {
                        items.Add(ReadValue());
                        SkipWhitespace();
                    }
                    while (Peek(','));
                    Expect(']');
                    return new Node(start, Array: items);
                case '"':
                    return new Node(start, String: ReadString());
                default:
                    while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '-' or '+' or '.'))
                    {
                        _at++;
                    }
                    return _at > start ? new Node(start, Number: text.Substring(start, _at - start)) : throw Error($"unexpected '{text[start]}'");
            }
        }

        private string ReadString()
        {
            Expect('"');
            var value = new StringBuilder();
            while (true)
            {
                if (_at >= text.Length)
                {
                    throw Error("a string is not closed");
                }
                var c = text[_at++];
                if (c == '"')
                {
                    return value.ToString();
                }
                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }
                if (_at >= text.Length)
                {
                    throw Error("a string is not closed");
                }
                var escaped = text[_at++];
                switch (escaped)
                {
                    case 'n': value.Append('\n'); break;
                    case 't': value.Append('\t'); break;
                    case 'r': value.Append('\r'); break;
                    case 'b': value.Append('\b'); break;
                    case 'f': value.Append('\f'); break;
                    case 'u' when _at + 4 <= text.Length && int.TryParse(text.Substring(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        value.Append((char)code);
                        _at += 4;
                        break;
                    case '"' or '\\' or '/': value.Append(escaped); break;
                    default: throw Error($"unknown escape '\\{escaped}'");
                }
            }
        }

        private bool Peek(char c)
        {
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        private void Expect(char c)
        {
            if (!Peek(c))
            {
                throw Error($"'{c}' expected");
            }
        }

        private void SkipWhitespace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private FormatException Error(string message) => AtOffset(message, _at);
    }
}
