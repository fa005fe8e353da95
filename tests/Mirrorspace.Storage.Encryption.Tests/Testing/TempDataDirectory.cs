using Microsoft.Data.Sqlite;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Sqlite;

namespace Mirrorspace.Storage.Encryption.Tests.Testing;

/// <summary>A private data directory: the database, the key file, and byte-level access to both for attacks and scans.</summary>
internal sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory() => Path = Directory.CreateTempSubdirectory("mirrorspace-encryption-").FullName;

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "mirrorspace.db");

    public string KeyPath => System.IO.Path.Combine(Path, MasterKeyFile.DefaultFileName);

    public SqliteStoreOptions Options => new() { DatabasePath = DatabasePath };

    /// <summary>How often <paramref name="needle"/> occurs in the bytes of every file in the directory (database, WAL, shm, anything else).</summary>
    public int CountOccurrences(ReadOnlySpan<byte> needle)
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }

            var rest = bytes.AsSpan();
            int at;
            while ((at = rest.IndexOf(needle)) >= 0)
            {
                count++;
                rest = rest[(at + 1)..];
            }
        }

        return count;
    }

    /// <summary>
    /// Occurrences of any <paramref name="window"/>-byte piece of <paramref name="secret"/>: a destroyed
    /// key must not survive even in part (SQLite may overwrite only the end of a freed cell).
    /// </summary>
    public int CountFragments(byte[] secret, int window = 16)
    {
        var count = 0;
        for (var offset = 0; offset + window <= secret.Length; offset++)
        {
            count += CountOccurrences(secret.AsSpan(offset, window));
        }

        return count;
    }

    /// <summary>Runs SQL straight against the file, as an attacker with write access to the database would.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
