using System;

namespace Jobs.Generators;

/// <summary>
/// The compile-time checks of <c>[Recurring]</c>, shared by the generator (which emits no schedule
/// for a value that fails them) and the analyzer (JOBS013, JOBS014). The runtime parses cron with
/// Cronos, which a compiler component cannot load, so this is a parser of Cronos's grammar, held to
/// it by a property test (<c>CronAgreementTests</c>): five fields, or six with seconds first,
/// separated by spaces or tabs. A field is <c>*</c> or <c>?</c> (any value) with an optional step
/// <c>/n</c>, or a comma list of values and ranges <c>a-b</c>, each with an optional step; values
/// have one or two digits, months and weekdays may be three-letter names in any case. In the day
/// of month the whole field may instead be <c>L</c>, <c>L-n</c>, either followed by <c>W</c>, or
/// <c>nW</c>; in the weekday <c>nL</c> or <c>n#k</c>.
/// </summary>
internal static class RecurringRules
{
    public const string RecurringAttribute = "Jobs.RecurringAttribute";

    private static readonly string[] Months = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
    private static readonly string[] Days = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

    private static readonly CronField Second = new("second", 0, 59, null, FieldKind.Plain);
    private static readonly CronField Minute = new("minute", 0, 59, null, FieldKind.Plain);
    private static readonly CronField Hour = new("hour", 0, 23, null, FieldKind.Plain);
    private static readonly CronField DayOfMonth = new("day of month", 1, 31, null, FieldKind.DayOfMonth);
    private static readonly CronField Month = new("month", 1, 12, Months, FieldKind.Plain);
    private static readonly CronField DayOfWeek = new("day of week", 0, 7, Days, FieldKind.DayOfWeek);

    /// <summary>Why <paramref name="cron"/> is not a valid expression, or null when it is.</summary>
    public static string? CronProblem(string? cron)
    {
        if (cron is null || cron.Trim().Length == 0)
        {
            return "it is empty";
        }
        // Cronos separates fields by spaces and tabs only: any other character, other white space
        // included, is part of a field, where it is invalid.
        var fields = cron.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 && fields.Length != 6)
        {
            return $"it has {fields.Length} field(s); expected 5 (minute hour day month weekday) or 6 (with seconds first)";
        }
        var offset = fields.Length == 6 ? 0 : 1;
        if (offset == 0 && FieldProblem(fields[0], Second) is { } second)
        {
            return second;
        }
        return FieldProblem(fields[1 - offset], Minute)
            ?? FieldProblem(fields[2 - offset], Hour)
            ?? FieldProblem(fields[3 - offset], DayOfMonth)
            ?? FieldProblem(fields[4 - offset], Month)
            ?? FieldProblem(fields[5 - offset], DayOfWeek);
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

    private enum FieldKind
    {
        Plain,
        DayOfMonth,
        DayOfWeek,
    }

    private sealed record CronField(string Name, int Min, int Max, string[]? Names, FieldKind Kind);

    private static string? FieldProblem(string field, CronField spec)
    {
        var reader = new FieldReader(field);
        var problem = reader.Field(spec);
        if (problem is null && !reader.AtEnd)
        {
            problem = reader.Unexpected();
        }
        return problem is null ? null : $"the {spec.Name} field '{field}' is invalid: {problem}";
    }

    /// <summary>One field, read as Cronos's CronParser reads it, character by character.</summary>
    private sealed class FieldReader(string text)
    {
        private int _at;

        public bool AtEnd => _at == text.Length;

        public string Unexpected() => $"unexpected {Show(text[_at])} at position {_at + 1}";

        public string? Field(CronField field)
        {
            if (Accept('*') || Accept('?'))
            {
                return Accept('/') ? Step(field) : null;
            }
            if (field.Kind == FieldKind.DayOfMonth && AcceptLetter('L'))
            {
                if (Accept('-') && Number(0, field.Max - 1) is null)
                {
                    return $"'L-' needs an offset 0-{field.Max - 1}";
                }
                AcceptLetter('W');
                return null;
            }
            if (Value(field) is null)
            {
                return NotAValue(field);
            }
            if (field.Kind == FieldKind.DayOfMonth && AcceptLetter('W'))
            {
                return null;
            }
            if (field.Kind == FieldKind.DayOfWeek && AcceptLetter('L'))
            {
                return null;
            }
            if (field.Kind == FieldKind.DayOfWeek && Accept('#'))
            {
                return Number(1, 5) is null ? "'#' needs a week 1-5" : null;
            }
            var problem = RangeAndStep(field);
            while (problem is null && Accept(','))
            {
                problem = AtEnd || text[_at] == ',' ? "an empty list item"
                    : Value(field) is null ? NotAValue(field)
                    : RangeAndStep(field);
            }
            return problem;
        }

        /// <summary>After a value: <c>-b</c>, <c>-b/n</c>, <c>/n</c> or nothing.</summary>
        private string? RangeAndStep(CronField field)
        {
            if (Accept('-') && Value(field) is null)
            {
                return NotAValue(field);
            }
            return Accept('/') ? Step(field) : null;
        }

        private string? Step(CronField field) =>
            Number(1, field.Max) is null ? $"the step must be a number from 1 to {field.Max}" : null;

        private string NotAValue(CronField field)
        {
            var expected = $"a value {field.Min}-{field.Max}{(field.Names is null ? "" : $" or a name such as {field.Names[0]}")}";
            var end = _at;
            while (end < text.Length && (IsDigit(text[end]) || text[end] is >= 'A' and <= 'Z' or >= 'a' and <= 'z'))
            {
                end++;
            }
            return end > _at ? $"'{text.Substring(_at, end - _at)}' is not {expected}"
                : AtEnd ? $"{expected} is missing at the end"
                : $"expected {expected}, found {Show(text[_at])} at position {_at + 1}";
        }

        /// <summary>A character for a message: itself in quotes, or its code point when it would not show.</summary>
        private static string Show(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

        /// <summary>One or two digits, or a three-letter name (any case) where the field has names.</summary>
        private int? Value(CronField field)
        {
            if (_at < text.Length && IsDigit(text[_at]))
            {
                return Number(field.Min, field.Max);
            }
            if (field.Names is null || _at + 3 > text.Length)
            {
                return null;
            }
            var name = new char[3];
            for (var i = 0; i < 3; i++)
            {
                var c = text[_at + i];
                if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z'))
                {
                    return null;
                }
                name[i] = (char)(c & ~0x20);
            }
            var index = Array.IndexOf(field.Names, new string(name));
            if (index < 0)
            {
                return null;
            }
            _at += 3;
            return field.Min + index;
        }

        /// <summary>One or two digits (Cronos reads no more) making a number from <paramref name="min"/> to <paramref name="max"/>.</summary>
        private int? Number(int min, int max)
        {
            if (_at >= text.Length || !IsDigit(text[_at]))
            {
                return null;
            }
            var value = text[_at] - '0';
            var length = 1;
            if (_at + 1 < text.Length && IsDigit(text[_at + 1]))
            {
                value = value * 10 + (text[_at + 1] - '0');
                length = 2;
                if (_at + 2 < text.Length && IsDigit(text[_at + 2]))
                {
                    return null;
                }
            }
            if (value < min || value > max)
            {
                return null;
            }
            _at += length;
            return value;
        }

        private bool Accept(char c)
        {
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        /// <summary>An ASCII letter in either case, as Cronos accepts L and W.</summary>
        private bool AcceptLetter(char upper) => Accept(upper) || Accept((char)(upper | 0x20));

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
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
