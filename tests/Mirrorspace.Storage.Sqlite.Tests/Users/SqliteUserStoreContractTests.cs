using Mirrorspace.Storage.Conformance;
using Mirrorspace.Storage.Sqlite.Users;
using Mirrorspace.Storage.Users;

namespace Mirrorspace.Storage.Sqlite.Tests.Users;

public sealed class SqliteUserStoreContractTests : UserStoreContractTests
{
    private readonly TempDatabase _database = new();

    protected override Task<IUserStore> CreateStoreAsync() =>
        Task.FromResult<IUserStore>(new SqliteUserStore(new SqliteStoreOptions { DatabasePath = _database.FilePath }));

    protected override async ValueTask CleanupStoreAsync(IUserStore store)
    {
        await base.CleanupStoreAsync(store);
        _database.Dispose();
    }
}
