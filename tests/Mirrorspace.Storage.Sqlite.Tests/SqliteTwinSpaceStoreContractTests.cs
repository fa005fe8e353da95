using Mirrorspace.Storage.Conformance;

namespace Mirrorspace.Storage.Sqlite.Tests;

public sealed class SqliteTwinSpaceStoreContractTests : TwinSpaceStoreContractTests
{
    private readonly TempDatabase _database = new();

    protected override Task<ITwinSpaceStore> CreateStoreAsync() => Task.FromResult<ITwinSpaceStore>(_database.CreateStore());

    protected override async ValueTask CleanupStoreAsync(ITwinSpaceStore store)
    {
        await base.CleanupStoreAsync(store);
        _database.Dispose();
    }
}
