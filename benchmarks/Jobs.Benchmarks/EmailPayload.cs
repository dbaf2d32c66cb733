namespace JobsBench;

/// <summary>A typical payload: a few strings, a Guid, a timestamp, a list, a nested record and a nullable number.</summary>
public sealed record EmailPayload(
    string To,
    string Subject,
    string Body,
    Guid TemplateId,
    DateTimeOffset SendAt,
    List<string> Cc,
    Sender From,
    int? Priority);
