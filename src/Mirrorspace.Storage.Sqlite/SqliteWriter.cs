using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Sqlite.History;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>The single long-lived write connection and the statements prepared on it.</summary>
internal sealed class SqliteWriter : IDisposable
{
    private TwinWriteStatements? _statements;

    private SqliteWriter(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>Prepared on first use (after the schema exists) and kept for every later commit.</summary>
    public TwinWriteStatements Statements(HistoryTail tail) => _statements ??= new TwinWriteStatements(Connection, tail);

    public static SqliteWriter Open(string path)
    {
        DatabaseFile.EnsureExists(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            ConnectionPragmas.ApplyToWriter(connection);
            return new SqliteWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _statements?.Dispose();
        Connection.Dispose();
    }
}
