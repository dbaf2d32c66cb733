namespace Jobs.EndToEnd.Tests.Payloads;

/// <summary>Inheritance: System.Text.Json writes the derived type's properties before the base's.</summary>
public sealed record UserRenamed(Guid EventId, string NewName, int Revision = 1) : UserEvent(EventId);
