namespace Mirrorspace.Storage.Records;

/// <summary>One page of results; <see cref="NextAfter"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextAfter);
