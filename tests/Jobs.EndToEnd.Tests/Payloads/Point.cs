namespace Jobs.EndToEnd.Tests.Payloads;

public record struct Point(int X, int Y);
