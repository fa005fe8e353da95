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

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
