namespace Jobs.EndToEnd.Tests.Payloads;

/// <summary>A payload that contains itself.</summary>
public sealed record TreeNode(string Label, List<TreeNode> Children, Point Position);
