namespace Jobs.EndToEnd.Tests.Payloads;

/// <summary>Members of types the generated code leaves to the assembly's JsonSerializerContext.</summary>
public sealed record Links(string Title, Uri Home, HashSet<string> Keywords, Uri? Mirror);
