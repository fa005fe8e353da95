using System.Text;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using Mirrorspace.Storage.Sqlite;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Encryption;

/// <summary>
/// The proof that values do not reach the disk in clear: unique canaries written into every
/// encrypted field, the store closed, every byte of the data directory scanned. The control writes
/// the same canaries without encryption and finds them, so the scan is shown able to fail.
/// </summary>
public sealed class CanaryTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();
    private readonly Dictionary<string, string> _canaries = new[] { "tenant", "apikey", "model", "snapshot", "payload", "source" }
        .ToDictionary(field => field, field => $"canary-{field}-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EncryptingStore_CanaryInEveryEncryptedField_NoneFoundOnDisk()
    {
        var key = Spaces.NewKey();
        await using (var space = await Spaces.OpenAsync(_directory, key))
        {
            await WriteCanariesAsync(space.Store);
        }

        Assert.All(_canaries.Values, canary => Assert.Equal(0, _directory.CountOccurrences(Encoding.UTF8.GetBytes(canary))));

        // And they were written: the encrypted store gives every one back.
        await using var reopened = await Spaces.OpenAsync(_directory, key);
        Assert.Equal(_canaries.Values.Order(), (await ReadCanariesAsync(reopened.Store)).Order());
    }

    [Fact]
    public async Task PlainStore_SameCanaries_AllFoundOnDisk()
    {
        await using (var store = new SqliteTwinSpaceStore(_directory.Options))
        {
            await store.InitializeAsync(Ct);
            await WriteCanariesAsync(store);
        }

        Assert.All(_canaries.Values, canary => Assert.True(_directory.CountOccurrences(Encoding.UTF8.GetBytes(canary)) > 0, canary));
    }

    private async Task WriteCanariesAsync(ITwinSpaceStore store)
    {
        await store.CreateTenantAsync(Tenant(TenantA, _canaries["tenant"]), Ct);
        await store.CreateApiKeyAsync(ApiKey(TenantA, "key-1", _canaries["apikey"]), Ct);
        await store.SaveModelAsync(Model(TenantA, "pump", 1, $$"""{"description":"{{_canaries["model"]}}"}"""), Ct);
        await store.CommitAsync(
            [
                Twin(TenantA, "pump-1", 1, $$$"""{"reported":{"note":"{{{_canaries["snapshot"]}}}"}}"""),
                Event(TenantA, "pump-1", 1, $$"""{"note":"{{_canaries["payload"]}}"}""", _canaries["source"]),
            ],
            Ct);
    }

    private static async Task<string[]> ReadCanariesAsync(ITwinSpaceStore store)
    {
        var twinEvent = await store.ReadEventAsync(TenantA, "pump-1", 1);
        string[] values =
        [
            (await store.GetTenantAsync(TenantA, Ct))!.Name,
            (await store.FindApiKeyAsync("key-1", Ct))!.Description!,
            (await store.GetModelAsync(TenantA, "pump", 1, Ct))!.Document,
            (await store.GetTwinAsync(TenantA, "pump-1", Ct))!.Snapshot,
            twinEvent.Payload,
            twinEvent.Source,
        ];
        return [.. values.Select(value => value.Contains("canary-", StringComparison.Ordinal) ? ExtractCanary(value) : value)];
    }

    private static string ExtractCanary(string value)
    {
        var start = value.IndexOf("canary-", StringComparison.Ordinal);
        var end = value.IndexOf('"', start);
        return end < 0 ? value[start..] : value[start..end];
    }
}
