using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>
/// One writer, many readers: SQLite allows a single writer at a time anyway, so writes queue on a
/// semaphore for one long-lived connection, while reads take short-lived pooled connections that
/// WAL lets run alongside the writer.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private const int SqliteConstraint = 19;

    private readonly string _path;
    private readonly string _readConnectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Action<SqliteWriter>? _writerOpened;
    private readonly Action? _writerDiscarded;
    private SqliteWriter? _writer;
    private bool _disposed;

    /// <param name="path">The database file.</param>
    /// <param name="writerOpened">Runs, under the write lock, each time the write connection is (re)opened.</param>
    /// <param name="writerDiscarded">Runs, under the write lock, when a failure throws the write connection away.</param>
    public SqliteDatabase(string path, Action<SqliteWriter>? writerOpened = null, Action? writerDiscarded = null)
    {
        _path = path;
        _writerOpened = writerOpened;
        _writerDiscarded = writerDiscarded;
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The database of a store that keeps its own write connection to the node's file.</summary>
    public static SqliteDatabase ForStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        return new SqliteDatabase(options.DatabasePath);
    }

    /// <summary>Brings the file's schema up to date, under the write lock.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        WriteAsync(writer => SchemaMigrator.Migrate(writer.Connection), cancellationToken);

    public Task WriteAsync(Action<SqliteWriter> work, CancellationToken cancellationToken) =>
        WriteAsync(
            writer =>
            {
                work(writer);
                return true;
            },
            cancellationToken);

    public async Task<T> WriteAsync<T>(Func<SqliteWriter, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return WriteLocked(work);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// As <see cref="WriteAsync{T}"/>, blocking the calling thread while it waits: for the store's
    /// own background thread, which has nothing else to do meanwhile.
    /// </summary>
    public T Write<T>(Func<SqliteWriter, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writeLock.Wait();
        try
        {
            return WriteLocked(work);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// A connection of its own for the history indexer's work beside the writer (grouping a batch of
    /// the log, copying the WAL into the database file); neither takes the write lock. The caller owns it.
    /// </summary>
    public SqliteConnection OpenIndexerConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            ConnectionPragmas.ApplyToIndexerConnection(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await work(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ConnectionPragmas.ApplyToReaderAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Waiting for the lock lets an in-flight commit finish rather than be torn down mid-transaction.
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            using var pooled = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private T WriteLocked<T>(Func<SqliteWriter, T> work)
    {
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is null)
            {
                _writer = SqliteWriter.Open(_path);
                _writerOpened?.Invoke(_writer);
            }

            return work(_writer);
        }
        catch (Exception ex) when (!LeavesConnectionHealthy(ex))
        {
            // An I/O or engine failure can leave the connection in an unknown state; start afresh next time.
            _writer?.Dispose();
            _writer = null;
            _writerDiscarded?.Invoke();
            throw;
        }
    }

    private static bool LeavesConnectionHealthy(Exception ex) =>
        ex is OperationCanceledException or ObjectDisposedException
        || (ex is SqliteException sqlite && sqlite.SqliteErrorCode == SqliteConstraint);
}
