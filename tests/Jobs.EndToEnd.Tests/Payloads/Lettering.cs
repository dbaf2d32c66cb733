namespace Jobs.EndToEnd.Tests.Payloads;

/// <summary>
/// Caller text in every place a generated writer writes it: a member, list elements, dictionary
/// keys and values, a char, members of nested objects, and a set left to the JsonSerializerContext.
/// </summary>
public sealed record Lettering(
    string Name,
    List<string> Tags,
    Dictionary<string, string> Labels,
    char Initial,
    LetteringLine[] Lines,
    HashSet<string> Keywords);

public sealed record LetteringLine(string Text, string? Note);
