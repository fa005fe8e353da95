namespace Mirrorspace.Domain.Access;

/// <summary>A twin as policies select it: by its id and its model.</summary>
public sealed record TwinResource(string TwinId, string ModelId);
