namespace Jobs.EndToEnd.Tests.Payloads;

// Three versions of one task's payload, each a deliberate break of the one before: payloads of
// every version must reach the handler as the newest type, through the chain of Upcast methods.

/// <summary>Version 1 (never versioned): an address line and a weight in kilograms.</summary>
public sealed record ParcelArgsV1(string Address, double WeightKg);

/// <summary>Version 2: the weight in whole grams (a changed member, a breaking change).</summary>
[JobPayloadVersion(2, Previous = typeof(ParcelArgsV1))]
public sealed record ParcelArgsV2(string Address, int WeightGrams)
{
    public static ParcelArgsV2 Upcast(ParcelArgsV1 previous) => new(previous.Address, (int)Math.Round(previous.WeightKg * 1000));
}

/// <summary>Version 3, the handler's: the address becomes an object (another break).</summary>
[JobPayloadVersion(3, Previous = typeof(ParcelArgsV2))]
public sealed record ParcelArgs(ParcelDestination Destination, int WeightGrams, string Carrier = "post")
{
    public static ParcelArgs Upcast(ParcelArgsV2 previous) => new(new ParcelDestination(previous.Address, null), previous.WeightGrams);
}

/// <summary>Where a parcel goes.</summary>
public sealed record ParcelDestination(string Street, string? PostalCode);
