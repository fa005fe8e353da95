using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>
/// For history tests that work on one store: a fresh database per test, the store opened on it with
/// tenants A and B, its indexer running only on request, so where each event lies is up to the test.
/// </summary>
public abstract class HistoryStoreTests : IAsyncLifetime
{
    private protected TempDatabase Database { get; } = new();

    private protected SqliteTwinSpaceStore Store { get; set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Store = await OpenAsync(Database.CreateStoreIndexingOnlyOnRequest());

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Database.Dispose();
        GC.SuppressFinalize(this);
    }
}
