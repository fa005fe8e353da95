using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Encryption.Tests.Testing;

/// <summary>Record builders and reads used across the encryption tests.</summary>
internal static class Records
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";

    public static TenantRecord Tenant(string id, string? name = null) =>
        new() { Id = id, Name = name ?? $"Tenant {id}", CreatedAt = Spaces.BaseTime };

    public static ApiKeyRecord ApiKey(string tenantId, string keyId, string description) => new()
    {
        KeyId = keyId,
        TenantId = tenantId,
        Role = "admin",
        SecretHash = [1, 2, 3, 4],
        CreatedAt = Spaces.BaseTime,
        Description = description,
    };

    public static StoredModel Model(string tenantId, string modelId, int version, string document) =>
        new() { TenantId = tenantId, ModelId = modelId, Version = version, Document = document, CreatedAt = Spaces.BaseTime };

    public static UpsertTwin Twin(string tenantId, string twinId, long version, string snapshot) => new(new TwinRecord
    {
        TenantId = tenantId,
        TwinId = twinId,
        ModelId = "pump",
        ModelVersion = 1,
        Version = version,
        Deleted = false,
        Snapshot = snapshot,
        UpdatedAt = Spaces.BaseTime.AddSeconds(version),
    });

    public static AppendEvent Event(string tenantId, string twinId, long version, string? payload = null, string source = "device:sensor-7") =>
        new(tenantId, twinId, new TwinEvent
        {
            Version = version,
            Timestamp = Spaces.BaseTime.AddMinutes(version),
            Kind = TwinEventKind.ReportedPatched,
            Payload = payload ?? $$"""{"temperature":{{20 + version}}}""",
            Source = source,
        });

    public static async Task<List<TwinEvent>> ReadAllEventsAsync(this ITwinSpaceStore store, string tenantId, string twinId, EventRange? range = null)
    {
        var events = new List<TwinEvent>();
        await foreach (var twinEvent in store.ReadEventsAsync(tenantId, twinId, range ?? EventRange.All, TestContext.Current.CancellationToken))
        {
            events.Add(twinEvent);
        }

        return events;
    }

    /// <summary>Exactly event <paramref name="version"/>.</summary>
    public static async Task<TwinEvent> ReadEventAsync(this ITwinSpaceStore store, string tenantId, string twinId, long version) =>
        Assert.Single(await store.ReadAllEventsAsync(tenantId, twinId, new EventRange { AfterVersion = version - 1, Limit = 1 }));
}
