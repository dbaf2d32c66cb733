namespace Jobs.EndToEnd.Tests.Payloads;

public enum Color
{
    Red,
    Green,
    Blue = 10,
}
