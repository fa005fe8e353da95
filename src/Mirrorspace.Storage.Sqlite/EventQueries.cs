using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite;

internal static class EventQueries
{
    /// <summary>Streams rows as SQLite yields them, holding one connection until enumeration ends.</summary>
    public static async IAsyncEnumerable<TwinEvent> ReadAsync(
        SqliteDatabase database,
        string tenantId,
        string twinId,
        EventRange range,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = CreateCommand(connection, tenantId, twinId, range);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        yield return Rows.Event(reader);
                    }
                }
            }
        }
    }

    private static SqliteCommand CreateCommand(SqliteConnection connection, string tenantId, string twinId, EventRange range)
    {
        // SQLite reads a negative LIMIT as "no limit".
        long limit = range.Limit ?? -1;
        if (range.From is null && range.To is null)
        {
            return SqliteQuery.Create(
                connection,
                SqlScripts.ReadEvents,
                [("$tenant_id", tenantId), ("$twin_id", twinId), ("$after_version", range.AfterVersion), ("$limit", limit)]);
        }

        return SqliteQuery.Create(
            connection,
            SqlScripts.ReadEventsInWindow,
            [
                ("$tenant_id", tenantId),
                ("$twin_id", twinId),
                ("$after_version", range.AfterVersion),
                ("$from", range.From is { } from ? Ticks.From(from) : long.MinValue),
                ("$to", range.To is { } to ? Ticks.From(to) : long.MaxValue),
                ("$limit", limit),
            ]);
    }
}
