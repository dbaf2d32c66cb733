namespace JobsBench;

public sealed record Sender(string Name, string Address);
