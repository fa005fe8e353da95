using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Writes;

/// <summary>A change to twin data. Writes are committed in groups, in order, each group in one transaction.</summary>
public abstract record TwinWrite
{
    private protected TwinWrite()
    {
    }
}

/// <summary>Appends an event to a twin's history; (tenant, twin, version) is unique.</summary>
public sealed record AppendEvent(string TenantId, string TwinId, TwinEvent Event) : TwinWrite;

/// <summary>Inserts or replaces the twin's registry row and snapshot (never moves it to a lower version).</summary>
public sealed record UpsertTwin(TwinRecord Twin) : TwinWrite;

/// <summary>Inserts a relationship; re-adding an existing one is a no-op.</summary>
public sealed record PutRelationship(RelationshipRecord Relationship) : TwinWrite;

public sealed record RemoveRelationship(string TenantId, string SourceId, string Name, string TargetId) : TwinWrite;

/// <summary>Removes every relationship from or to a twin, as when it is deleted.</summary>
public sealed record RemoveAllRelationships(string TenantId, string TwinId) : TwinWrite;
