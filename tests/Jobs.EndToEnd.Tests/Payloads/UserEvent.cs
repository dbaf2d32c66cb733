namespace Jobs.EndToEnd.Tests.Payloads;

public record UserEvent(Guid EventId)
{
    public DateTimeOffset OccurredAt { get; init; }
}
