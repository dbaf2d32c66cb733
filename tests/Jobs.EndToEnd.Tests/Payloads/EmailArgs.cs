namespace Jobs.EndToEnd.Tests.Payloads;

public sealed record EmailArgs(string To, string Subject, string Body, Guid TemplateId, DateTimeOffset SendAt, List<string> Cc, Address ReplyAddress, int? Priority);
