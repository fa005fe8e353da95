using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption;

namespace Mirrorspace.Storage.Sqlite.Keys;

/// <summary>
/// Opens the SQLite store with encryption at rest: the twin store, its keys and its rewrap source,
/// all in the one database file. This is what a node registers instead of a bare
/// <see cref="SqliteTwinSpaceStore"/>.
/// </summary>
public static class SqliteEncryption
{
    /// <summary>
    /// Loads the master key from <paramref name="source"/> and opens the database at
    /// <see cref="SqliteStoreOptions.DatabasePath"/> encrypted, creating and migrating it when needed.
    /// Throws <see cref="MasterKeyMissingException"/>, <see cref="MasterKeyMismatchException"/> or
    /// <see cref="UnencryptedDataException"/> rather than open it otherwise.
    /// </summary>
    public static Task<EncryptedTwinSpace> OpenAsync(
        SqliteStoreOptions options,
        MasterKeySource source,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return OpenAsync(
            options,
            (inner, keys, records) => EncryptionAtRest.OpenAsync(inner, keys, records, source, timeProvider, cancellationToken));
    }

    /// <summary>As above with a key already in hand; the returned space owns <paramref name="masterKey"/>.</summary>
    public static Task<EncryptedTwinSpace> OpenAsync(
        SqliteStoreOptions options,
        MasterKey masterKey,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        return OpenAsync(
            options,
            (inner, keys, records) => EncryptionAtRest.OpenAsync(inner, keys, records, masterKey, timeProvider, cancellationToken));
    }

    private static async Task<EncryptedTwinSpace> OpenAsync(
        SqliteStoreOptions options,
        Func<SqliteTwinSpaceStore, SqliteKeyStore, SqliteRewrapSource, Task<EncryptedTwinSpace>> open)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inner = new SqliteTwinSpaceStore(options);
        var keys = new SqliteKeyStore(options);
        var records = new SqliteRewrapSource(options);
        try
        {
            return await open(inner, keys, records).ConfigureAwait(false);
        }
        catch
        {
            await records.DisposeAsync().ConfigureAwait(false);
            await keys.DisposeAsync().ConfigureAwait(false);
            await inner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
