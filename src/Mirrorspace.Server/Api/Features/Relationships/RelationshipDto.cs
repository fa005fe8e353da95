namespace Mirrorspace.Server.Api.Features.Relationships;

public sealed record RelationshipDto(string Source, string Name, string Target, DateTimeOffset CreatedAt);

public sealed record GraphNodeDto(string Id, string Model, int Depth);

/// <summary>The twins reachable from a root along outgoing relationships, up to a depth.</summary>
public sealed record GraphDto(string Root, int Depth, IReadOnlyList<GraphNodeDto> Nodes, IReadOnlyList<RelationshipDto> Edges, bool Truncated);
