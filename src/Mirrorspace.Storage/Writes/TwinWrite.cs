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

/// <summary>
/// Appends an event to a twin's history; (tenant, twin, version) is unique. With a
/// <paramref name="SubjectId"/> the payload holds a data subject's personal or health values and is
/// sealed with that subject's own key, so erasing the subject erases it.
/// </summary>
public sealed record AppendEvent(string TenantId, string TwinId, TwinEvent Event, string? SubjectId = null) : TwinWrite;

/// <summary>
/// Inserts or replaces the twin's registry row and snapshot (never moves it to a lower version).
/// The snapshot of a twin linked to a data subject is sealed with the subject's key.
/// </summary>
public sealed record UpsertTwin(TwinRecord Twin, string? SubjectId = null) : TwinWrite;

/// <summary>Inserts a relationship; re-adding an existing one is a no-op.</summary>
public sealed record PutRelationship(RelationshipRecord Relationship) : TwinWrite;

public sealed record RemoveRelationship(string TenantId, string SourceId, string Name, string TargetId) : TwinWrite;

/// <summary>Removes every relationship from or to a twin, as when it is deleted.</summary>
public sealed record RemoveAllRelationships(string TenantId, string TwinId) : TwinWrite;

/// <summary>Keeps a reading's held part aside; with a <paramref name="SubjectId"/> it is sealed with the subject's key, as the history is.</summary>
public sealed record HoldReading(Integrity.QuarantineRecord Held, string? SubjectId = null) : TwinWrite;

/// <summary>Records a person's decision on a held reading; only a held one changes.</summary>
public sealed record DecideQuarantine(string TenantId, string QuarantineId, Integrity.QuarantineState State, string DecidedBy, DateTimeOffset DecidedAt) : TwinWrite;

public sealed record RecordSignal(Integrity.SignalRecord Signal) : TwinWrite;

/// <summary>The device's trust score and, for signed readings, its last accepted sequence number (either null keeps the stored one), committed with the reading that moved them.</summary>
public sealed record RecordDeviceReading(string TenantId, string DeviceId, uint? Sequence, double? Trust) : TwinWrite;
