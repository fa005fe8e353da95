using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Conformance;

/// <summary>
/// The documented behaviour of <see cref="ITwinSpaceStore"/>, run against every implementation.
/// Each test gets a fresh, initialized store that already holds tenants A and B.
/// </summary>
public abstract partial class TwinSpaceStoreContractTests : IAsyncLifetime
{
    private ITwinSpaceStore? _store;

    protected ITwinSpaceStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(Ct);
        Assert.True(await _store.CreateTenantAsync(ContractData.Tenant(ContractData.TenantA), Ct));
        Assert.True(await _store.CreateTenantAsync(ContractData.Tenant(ContractData.TenantB), Ct));
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await CleanupStoreAsync(_store);
            _store = null;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A new, empty store; the suite calls <see cref="ITwinSpaceStore.InitializeAsync"/> itself.</summary>
    protected abstract Task<ITwinSpaceStore> CreateStoreAsync();

    /// <summary>Releases the store and whatever backs it; override to also delete files or databases.</summary>
    protected virtual async ValueTask CleanupStoreAsync(ITwinSpaceStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    protected Task CommitAsync(params TwinWrite[] writes) => Store.CommitAsync(writes, Ct);

    protected async Task<List<TwinEvent>> ReadEventsAsync(string tenantId, string twinId, EventRange? range = null)
    {
        var events = new List<TwinEvent>();
        await foreach (var twinEvent in Store.ReadEventsAsync(tenantId, twinId, range ?? EventRange.All, Ct))
        {
            events.Add(twinEvent);
        }

        return events;
    }

    protected async Task<List<Page<TwinRecord>>> ListAllTwinPagesAsync(string tenantId, int limit)
    {
        var pages = new List<Page<TwinRecord>>();
        string? after = null;
        do
        {
            var page = await Store.ListTwinsAsync(tenantId, new PageRequest(limit, after), Ct);
            pages.Add(page);
            after = page.NextAfter;
        }
        while (after is not null && pages.Count < 10_000);

        return pages;
    }

    protected async Task<List<Page<StoredModel>>> ListAllModelPagesAsync(string tenantId, int limit)
    {
        var pages = new List<Page<StoredModel>>();
        string? after = null;
        do
        {
            var page = await Store.ListModelsAsync(tenantId, new PageRequest(limit, after), Ct);
            pages.Add(page);
            after = page.NextAfter;
        }
        while (after is not null && pages.Count < 10_000);

        return pages;
    }
}
