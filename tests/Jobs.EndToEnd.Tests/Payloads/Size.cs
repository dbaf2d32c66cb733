namespace Jobs.EndToEnd.Tests.Payloads;

public enum Size : byte
{
    Small = 1,
    Large = 200,
}
