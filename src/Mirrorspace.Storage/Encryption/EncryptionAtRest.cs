using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// Opens a store with encryption at rest. Refuses to open — with
/// <see cref="MasterKeyMissingException"/>, <see cref="MasterKeyMismatchException"/> or
/// <see cref="UnencryptedDataException"/> — rather than ever read or write data in clear.
/// </summary>
public static class EncryptionAtRest
{
    /// <summary>
    /// Loads the master key from <paramref name="source"/> (completing an interrupted master key file
    /// rotation if it finds one), then opens as <see cref="OpenAsync(ITwinSpaceStore, IKeyStore, IRewrapSource, MasterKey, TimeProvider, CancellationToken)"/>.
    /// </summary>
    public static async Task<EncryptedTwinSpace> OpenAsync(
        ITwinSpaceStore inner,
        IKeyStore keyStore,
        IRewrapSource records,
        MasterKeySource source,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyStore);
        ArgumentNullException.ThrowIfNull(source);
        await keyStore.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var masterKey = source.Load();
        try
        {
            masterKey = await CompletePendingRotationAsync(keyStore, source, masterKey, cancellationToken).ConfigureAwait(false);
            return await OpenAsync(inner, keyStore, records, masterKey, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (MasterKeyMismatchException ex)
        {
            masterKey.Dispose();
            throw new MasterKeyMismatchException($"{ex.Message} The key came from {source}.", ex);
        }
        catch
        {
            masterKey.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Initializes both stores, sets up a new database for encryption (its key check value) or checks
    /// that <paramref name="masterKey"/> is this database's, and returns the encrypted space. The space
    /// owns everything passed in; when this throws, the caller still owns them.
    /// </summary>
    public static async Task<EncryptedTwinSpace> OpenAsync(
        ITwinSpaceStore inner,
        IKeyStore keyStore,
        IRewrapSource records,
        MasterKey masterKey,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(keyStore);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(masterKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        await inner.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await keyStore.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await EnsureKeyCheckAsync(inner, keyStore, masterKey, timeProvider, cancellationToken).ConfigureAwait(false);

        var keys = new KeyRing(keyStore, masterKey, timeProvider);
        var store = new EncryptingTwinSpaceStore(inner, keys);
        var rotation = new KeyRotation(keys, keyStore, records, timeProvider);
        return new EncryptedTwinSpace(store, keys, rotation, [records, keyStore]);
    }

    private static async Task EnsureKeyCheckAsync(
        ITwinSpaceStore inner,
        IKeyStore keyStore,
        MasterKey masterKey,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var check = await keyStore.GetKeyCheckValueAsync(cancellationToken).ConfigureAwait(false);
        if (check is null)
        {
            if (await keyStore.HasDataKeysAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException(
                    "The database holds wrapped data keys but no master key check value: it is damaged or was tampered with. Restore it from a backup.");
            }

            if ((await inner.ListTenantsAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                throw new UnencryptedDataException(
                    "The database holds data written without encryption at rest; it cannot be opened encrypted. "
                    + "Export the data and import it into a new, encrypted data directory.");
            }

            await keyStore.TryCreateKeyCheckValueAsync(KeyCheckValue.Create(masterKey), timeProvider.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);

            // Another opener may have set it up first, with its own key: check against what is stored.
            check = await keyStore.GetKeyCheckValueAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The master key check value is missing right after it was stored.");
        }

        if (!KeyCheckValue.Verify(masterKey, check))
        {
            throw new MasterKeyMismatchException(
                "The master key does not match this database: its key check value does not verify, so this is not the key "
                + "the data directory was set up with. "
                + $"Supply that key ({MasterKeySource.FileVariable}, {MasterKeySource.ValueVariable}, or the {MasterKeyFile.DefaultFileName} "
                + "created by init); the node does not start with another key.");
        }
    }

    private static async Task<MasterKey> CompletePendingRotationAsync(
        IKeyStore keyStore,
        MasterKeySource source,
        MasterKey masterKey,
        CancellationToken cancellationToken)
    {
        if (source.FilePath is not { Length: > 0 } path || !File.Exists(MasterKeyFile.PendingPath(path)))
        {
            return masterKey;
        }

        var check = await keyStore.GetKeyCheckValueAsync(cancellationToken).ConfigureAwait(false);
        if (check is null || KeyCheckValue.Verify(masterKey, check))
        {
            return masterKey;
        }

        // A rotation rewrapped the database under the pending key but stopped before renaming it.
        var pending = MasterKeyFile.Read(MasterKeyFile.PendingPath(path));
        if (!KeyCheckValue.Verify(pending, check))
        {
            pending.Dispose();
            return masterKey;
        }

        File.Move(MasterKeyFile.PendingPath(path), path, overwrite: true);
        masterKey.Dispose();
        return pending;
    }
}
