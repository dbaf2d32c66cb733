namespace Jobs.Analyzers.Contracts;

/// <summary>One difference between a task's recorded contract and its payload now.</summary>
/// <param name="IsBreaking">A payload the recorded contract allowed may no longer read the same.</param>
/// <param name="Description">What changed, where: <c>member 'to' of SendEmailArgs was removed or renamed</c>.</param>
public sealed record ContractChange(bool IsBreaking, string Description);
