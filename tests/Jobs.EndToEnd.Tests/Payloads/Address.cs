namespace Jobs.EndToEnd.Tests.Payloads;

public sealed record Address(string Street, string City, string? Zip);
