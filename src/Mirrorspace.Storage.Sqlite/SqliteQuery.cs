using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>Runs one embedded statement with bound parameters; values never become SQL text.</summary>
internal static class SqliteQuery
{
    public static int Execute(SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Create(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T? Single<T>(
        SqliteConnection connection,
        string sql,
        Func<SqliteDataReader, T> map,
        params ReadOnlySpan<(string Name, object? Value)> parameters)
        where T : class
    {
        using var command = Create(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    public static async Task<T?> SingleAsync<T>(
        SqliteConnection connection,
        string sql,
        Func<SqliteDataReader, T> map,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await ListAsync(connection, sql, map, cancellationToken, parameters).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public static async Task<List<T>> ListAsync<T>(
        SqliteConnection connection,
        string sql,
        Func<SqliteDataReader, T> map,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        var command = Create(connection, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(map(reader));
                }

                return rows;
            }
        }
    }

    public static SqliteCommand Create(SqliteConnection connection, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
