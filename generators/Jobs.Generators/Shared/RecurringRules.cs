using System;
using System.Globalization;

namespace Jobs.Generators;

/// <summary>
/// The compile-time checks of <c>[Recurring]</c>, shared by the generator (which emits no schedule
/// for a value that fails them) and the analyzer (JOBS013, JOBS014). The runtime parses cron with
/// Cronos, which a compiler component cannot load, so this is a validator of the same syntax:
/// five fields, or six with seconds first; per field a comma list of <c>*</c>, values, ranges
/// <c>a-b</c> and steps <c>/n</c>; month and weekday names; <c>?</c>, <c>L</c>, <c>L-n</c>,
/// <c>nW</c>, <c>LW</c> in the day of month; <c>?</c>, <c>nL</c>, <c>n#k</c> in the weekday.
/// </summary>
internal static class RecurringRules
{
    public const string RecurringAttribute = "Jobs.RecurringAttribute";

    private static readonly string[] Months = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
    private static readonly string[] Days = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

    /// <summary>Why <paramref name="cron"/> is not a valid expression, or null when it is.</summary>
    public static string? CronProblem(string? cron)
    {
        if (cron is null || cron.Trim().Length == 0)
        {
            return "it is empty";
        }
        var fields = cron.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 && fields.Length != 6)
        {
            return $"it has {fields.Length} field(s); expected 5 (minute hour day month weekday) or 6 (with seconds first)";
        }
        var offset = fields.Length == 6 ? 0 : 1;
        if (offset == 0 && FieldProblem(fields[0], "second", 0, 59, null, Kind.Plain) is { } second)
        {
            return second;
        }
        return FieldProblem(fields[1 - offset], "minute", 0, 59, null, Kind.Plain)
            ?? FieldProblem(fields[2 - offset], "hour", 0, 23, null, Kind.Plain)
            ?? FieldProblem(fields[3 - offset], "day of month", 1, 31, null, Kind.DayOfMonth)
            ?? FieldProblem(fields[4 - offset], "month", 1, 12, Months, Kind.Plain)
            ?? FieldProblem(fields[5 - offset], "day of week", 0, 7, Days, Kind.DayOfWeek);
    }

    /// <summary>Why <paramref name="json"/> is not valid JSON (RFC 8259), or null when it is.</summary>
    public static string? JsonProblem(string? json)
    {
        if (json is null)
        {
            return "it is null";
        }
        var reader = new JsonChecker(json);
        return reader.Check();
    }

    private enum Kind
    {
        Plain,
        DayOfMonth,
        DayOfWeek,
    }

    private static string? FieldProblem(string field, string name, int min, int max, string[]? names, Kind kind)
    {
        foreach (var item in field.Split(','))
        {
            if (ItemProblem(item.ToUpperInvariant(), name, min, max, names, kind) is { } problem)
            {
                return $"the {name} field '{field}' is invalid: {problem}";
            }
        }
        return null;
    }

    private static string? ItemProblem(string item, string name, int min, int max, string[]? names, Kind kind)
    {
        if (item.Length == 0)
        {
            return "an empty list item";
        }
        if (item == "?" && kind != Kind.Plain)
        {
            return null;
        }
        if (kind == Kind.DayOfMonth)
        {
            if (item == "L" || item == "LW")
            {
                return null;
            }
            if (item.StartsWith("L-", StringComparison.Ordinal))
            {
                return IsNumber(item.Substring(2), 0, 30) ? null : $"'{item}' needs an offset 0-30";
            }
            if (item.EndsWith("W", StringComparison.Ordinal))
            {
                return IsNumber(item.Substring(0, item.Length - 1), 1, 31) ? null : $"'{item}' needs a day 1-31 before W";
            }
        }
        if (kind == Kind.DayOfWeek)
        {
            var hash = item.IndexOf('#');
            if (hash >= 0)
            {
                return Value(item.Substring(0, hash), min, max, names) is not null && IsNumber(item.Substring(hash + 1), 1, 5)
                    ? null
                    : $"'{item}' must be a weekday, '#' and a week 1-5";
            }
            if (item.Length > 1 && item.EndsWith("L", StringComparison.Ordinal))
            {
                return Value(item.Substring(0, item.Length - 1), min, max, names) is not null ? null : $"'{item}' must be a weekday followed by L";
            }
        }

        var range = item;
        var slash = item.IndexOf('/');
        if (slash >= 0)
        {
            range = item.Substring(0, slash);
            if (!IsNumber(item.Substring(slash + 1), 1, max + 1))
            {
                return $"the step in '{item}' must be a number from 1 to {max + 1}";
            }
        }
        if (range == "*")
        {
            return null;
        }
        var dash = range.IndexOf('-');
        if (dash >= 0)
        {
            var from = Value(range.Substring(0, dash), min, max, names);
            var to = Value(range.Substring(dash + 1), min, max, names);
            if (from is null || to is null)
            {
                return $"'{range}' must be a range of values {min}-{max}{NamesHint(names)}";
            }
            return null;
        }
        return Value(range, min, max, names) is null ? $"'{range}' is not a value {min}-{max}{NamesHint(names)}" : null;
    }

    private static string NamesHint(string[]? names) => names is null ? "" : $" or a name such as {names[0]}";

    private static int? Value(string text, int min, int max, string[]? names)
    {
        if (names is not null)
        {
            var index = Array.IndexOf(names, text);
            if (index >= 0)
            {
                return min + index;
            }
        }
        return IsNumber(text, min, max) ? int.Parse(text, CultureInfo.InvariantCulture) : null;
    }

    private static bool IsNumber(string text, int min, int max)
    {
        if (text.Length == 0 || text.Length > 4)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        var value = int.Parse(text, CultureInfo.InvariantCulture);
        return value >= min && value <= max;
    }

    private sealed class JsonChecker
    {
        private readonly string _text;
        private int _at;

        public JsonChecker(string text) => _text = text;

        public string? Check()
        {
            try
            {
                SkipSpace();
                ReadValue(0);
                SkipSpace();
                return _at == _text.Length ? null : Fail("unexpected text after the value");
            }
            catch (FormatException ex)
            {
                return ex.Message;
            }
        }

        private void ReadValue(int depth)
        {
            if (depth > 64)
            {
                Fail("nesting deeper than 64");
            }
            if (_at >= _text.Length)
            {
                Fail("unexpected end");
            }
            switch (_text[_at])
            {
                case '{':
                    _at++;
                    SkipSpace();
                    if (Peek('}'))
                    {
                        _at++;
                        return;
                    }
                    while (true)
                    {
                        SkipSpace();
                        if (!Peek('"'))
                        {
                            Fail("expected a property name in double quotes");
                        }
                        ReadString();
                        SkipSpace();
                        Expect(':');
                        SkipSpace();
                        ReadValue(depth + 1);
                        SkipSpace();
                        if (Peek(','))
                        {
                            _at++;
                            continue;
                        }
                        Expect('}');
                        return;
                    }
                case '[':
                    _at++;
                    SkipSpace();
                    if (Peek(']'))
                    {
                        _at++;
                        return;
                    }
                    while (true)
                    {
                        SkipSpace();
                        ReadValue(depth + 1);
                        SkipSpace();
                        if (Peek(','))
                        {
                            _at++;
                            continue;
                        }
                        Expect(']');
                        return;
                    }
                case '"':
                    ReadString();
                    return;
                case 't':
                    Literal("true");
                    return;
                case 'f':
                    Literal("false");
                    return;
                case 'n':
                    Literal("null");
                    return;
                default:
                    ReadNumber();
                    return;
            }
        }

        private void ReadString()
        {
            _at++;
            while (_at < _text.Length)
            {
                var c = _text[_at++];
                if (c == '"')
                {
                    return;
                }
                if (c < ' ')
                {
                    Fail("a control character inside a string");
                }
                if (c == '\\')
                {
                    if (_at >= _text.Length)
                    {
                        break;
                    }
                    var escape = _text[_at++];
                    if (escape == 'u')
                    {
                        for (var i = 0; i < 4; i++)
                        {
                            if (_at >= _text.Length || !Uri.IsHexDigit(_text[_at++]))
                            {
                                Fail("a \\u escape needs four hex digits");
                            }
                        }
                    }
                    else if ("\"\\/bfnrt".IndexOf(escape) < 0)
                    {
                        Fail($"invalid escape '\\{escape}'");
                    }
                }
            }
            Fail("an unterminated string");
        }

        private void ReadNumber()
        {
            var start = _at;
            if (Peek('-'))
            {
                _at++;
            }
            if (Peek('0'))
            {
                _at++;
            }
            else if (!Digits())
            {
                _at = start;
                Fail($"unexpected character '{_text[start]}'");
            }
            if (Peek('.'))
            {
                _at++;
                if (!Digits())
                {
                    Fail("a digit must follow the decimal point");
                }
            }
            if (Peek('e') || Peek('E'))
            {
                _at++;
                if (Peek('+') || Peek('-'))
                {
                    _at++;
                }
                if (!Digits())
                {
                    Fail("a digit must follow the exponent");
                }
            }
        }

        private bool Digits()
        {
            var start = _at;
            while (_at < _text.Length && _text[_at] >= '0' && _text[_at] <= '9')
            {
                _at++;
            }
            return _at > start;
        }

        private void Literal(string word)
        {
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
            {
                Fail($"unexpected character '{_text[_at]}'");
            }
            _at += word.Length;
        }

        private void Expect(char c)
        {
            if (!Peek(c))
            {
                Fail(_at >= _text.Length ? $"unexpected end, expected '{c}'" : $"expected '{c}'");
            }
            _at++;
        }

        private bool Peek(char c) => _at < _text.Length && _text[_at] == c;

        private void SkipSpace()
        {
            while (_at < _text.Length && (_text[_at] == ' ' || _text[_at] == '\t' || _text[_at] == '\n' || _text[_at] == '\r'))
            {
                _at++;
            }
        }

        private string Fail(string message) => throw new FormatException($"{message} at position {_at}");
    }
}
