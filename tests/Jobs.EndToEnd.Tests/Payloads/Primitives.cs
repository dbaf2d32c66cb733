namespace Jobs.EndToEnd.Tests.Payloads;

/// <summary>Every primitive the generated serializers handle, plain and nullable.</summary>
public sealed record Primitives(
    bool Flag, byte Byte, sbyte SByte, short Short, ushort UShort, int Int, uint UInt, long Long, ulong ULong,
    float Float, double Double, decimal Decimal, string Text, string? MaybeText, char Letter, Color Color, Size Size,
    Guid Id, DateTime When, DateTimeOffset At, DateOnly Day, TimeOnly Time, TimeSpan Span,
    int? MaybeInt, Guid? MaybeId, Color? MaybeColor, DateTimeOffset? MaybeAt, double? MaybeDouble, Int128 Huge, UInt128? MaybeHuge);
