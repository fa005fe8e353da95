using Mirrorspace.Storage.Conformance;
using Mirrorspace.Storage.Encryption.Tests.Testing;

namespace Mirrorspace.Storage.Encryption.Tests;

/// <summary>The whole store contract, through the encrypting decorator over the SQLite store: encryption must change no behaviour.</summary>
public sealed class EncryptingSqliteStoreContractTests : TwinSpaceStoreContractTests
{
    private readonly TempDataDirectory _directory = new();
    private EncryptedTwinSpace? _space;

    protected override async Task<ITwinSpaceStore> CreateStoreAsync()
    {
        _space = await Spaces.OpenAsync(_directory, Spaces.NewKey());
        return _space.Store;
    }

    protected override async ValueTask CleanupStoreAsync(ITwinSpaceStore store)
    {
        if (_space is not null)
        {
            await _space.DisposeAsync();
        }

        _directory.Dispose();
    }
}
