namespace Jobs.EndToEnd.Tests.Payloads;

/// <summary>Every collection shape, nested payloads and nullable elements. Arrays and lists compare by reference, so tests compare through a helper.</summary>
public sealed record Collections(
    int[] Numbers,
    List<string> Tags,
    IReadOnlyList<Address> Addresses,
    IEnumerable<double> Scores,
    Dictionary<string, int> Counts,
    IReadOnlyDictionary<string, Address?> Places,
    Address Home,
    Address? Work,
    List<int?> Sparse,
    string?[]? Optional,
    byte[] Blob,
    List<List<string>> Nested);
