namespace Jobs.EndToEnd.Tests.Payloads;

public sealed record Feelings(Mood Mood, Mood? MaybeMood, List<Mood> History);
