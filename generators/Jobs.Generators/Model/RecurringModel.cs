namespace Jobs.Generators.Model;

/// <summary>A valid <c>[Recurring]</c> on a handler: what the generated registration passes to RecurringJob.</summary>
internal sealed record RecurringModel(string Cron, string? Key, string? TimeZone, string? Payload);
