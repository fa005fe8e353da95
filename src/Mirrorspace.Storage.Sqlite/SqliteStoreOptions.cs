namespace Mirrorspace.Storage.Sqlite;

public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created with owner-only permissions on Unix when missing.</summary>
    public required string DatabasePath { get; set; }
}
