using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Conformance;

/// <summary>Builders for contract data. Times derive from a fixed instant, never the clock.</summary>
internal static class ContractData
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";

    /// <summary>Sub-microsecond ticks on purpose: the contract promises exact tick round-trips.</summary>
    public static readonly DateTimeOffset BaseTime = new DateTimeOffset(2024, 3, 15, 10, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public static TenantRecord Tenant(string id, string? name = null) => new()
    {
        Id = id,
        Name = name ?? $"Tenant {id}",
        CreatedAt = BaseTime,
    };

    public static ApiKeyRecord ApiKey(string keyId, string tenantId) => new()
    {
        KeyId = keyId,
        TenantId = tenantId,
        Role = "operator",
        SecretHash = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff, 0x42],
        CreatedAt = BaseTime,
        ExpiresAt = BaseTime.AddDays(90),
        Description = "ingest gateway",
    };

    public static StoredModel Model(string tenantId, string modelId, int version, string? document = null) => new()
    {
        TenantId = tenantId,
        ModelId = modelId,
        Version = version,
        Document = document ?? $$"""{"id":"{{modelId}}","version":{{version}},"owner":"{{tenantId}}"}""",
        CreatedAt = BaseTime.AddMinutes(version),
    };

    public static TwinRecord Twin(string tenantId, string twinId, long version, bool deleted = false) => new()
    {
        TenantId = tenantId,
        TwinId = twinId,
        ModelId = "pump",
        ModelVersion = 2,
        Version = version,
        Deleted = deleted,
        Snapshot = $$"""{"twin":"{{twinId}}","version":{{version}},"owner":"{{tenantId}}"}""",
        UpdatedAt = BaseTime.AddSeconds(version),
    };

    /// <summary>Event <paramref name="version"/> happens <paramref name="version"/> minutes after <see cref="BaseTime"/>.</summary>
    public static TwinEvent Event(long version, TwinEventKind kind = TwinEventKind.ReportedPatched, string? payload = null) => new()
    {
        Version = version,
        Timestamp = BaseTime.AddMinutes(version),
        Kind = kind,
        Payload = payload ?? $$"""{"temperature":{{20 + version}}}""",
        Source = "device:sensor-7",
    };

    public static AppendEvent Append(string tenantId, string twinId, long version) => new(tenantId, twinId, Event(version));

    public static AppendEvent Append(string tenantId, string twinId, TwinEvent twinEvent) => new(tenantId, twinId, twinEvent);

    public static RelationshipRecord Relationship(string tenantId, string sourceId, string name, string targetId) => new()
    {
        TenantId = tenantId,
        SourceId = sourceId,
        Name = name,
        TargetId = targetId,
        CreatedAt = BaseTime.AddHours(1),
    };

    public static PutRelationship Put(string tenantId, string sourceId, string name, string targetId) =>
        new(Relationship(tenantId, sourceId, name, targetId));
}
