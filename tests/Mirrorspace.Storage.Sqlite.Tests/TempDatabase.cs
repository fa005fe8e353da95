using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite.Tests;

/// <summary>A database path in a private temp directory, removed with everything SQLite left beside it.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _directory;

    public TempDatabase()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"mirrorspace-sqlite-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        FilePath = Path.Combine(_directory, "store.db");
    }

    public string FilePath { get; }

    public SqliteTwinSpaceStore CreateStore() => new(new SqliteStoreOptions { DatabasePath = FilePath });

    /// <summary>A store whose background indexer never runs on its own: events stay in the log until indexed explicitly or on close.</summary>
    public SqliteTwinSpaceStore CreateStoreIndexingOnlyOnRequest() => new(new SqliteStoreOptions
    {
        DatabasePath = FilePath,
        HistoryIndexBatchRows = int.MaxValue,
        HistoryIndexDelay = Timeout.InfiniteTimeSpan,
    });

    /// <summary>
    /// Copies the database and its WAL as they are on disk right now into a new temp database: what
    /// a restart would find if the process were killed at this moment.
    /// </summary>
    public TempDatabase CopyAsIfCrashed()
    {
        var copy = new TempDatabase();
        File.Copy(FilePath, copy.FilePath);
        if (File.Exists(FilePath + "-wal"))
        {
            File.Copy(FilePath + "-wal", copy.FilePath + "-wal");
        }

        return copy;
    }

    /// <summary>Runs SQL straight against the file, beside any open store.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
