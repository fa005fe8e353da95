using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite;

internal static class EventQueries
{
    /// <summary>
    /// Streams rows as SQLite yields them, holding one connection until enumeration ends.
    /// <paramref name="tailSeqs"/> lists the twin's unindexed log rows; it is called when enumeration
    /// starts, before the query takes its snapshot, so every event acknowledged by then is read.
    /// </summary>
    public static async IAsyncEnumerable<TwinEvent> ReadAsync(
        SqliteDatabase database,
        Func<CancellationToken, Task<long[]>> tailSeqs,
        string tenantId,
        string twinId,
        EventRange range,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tail = await tailSeqs(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = CreateCommand(connection, tenantId, twinId, range, tail);
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

    private static SqliteCommand CreateCommand(SqliteConnection connection, string tenantId, string twinId, EventRange range, long[] tailSeqs)
    {
        // SQLite reads a negative LIMIT as "no limit".
        long limit = range.Limit ?? -1;
        var tail = $"[{string.Join(',', tailSeqs.Select(seq => seq.ToString(CultureInfo.InvariantCulture)))}]";
        if (range.From is null && range.To is null)
        {
            return SqliteQuery.Create(
                connection,
                SqlScripts.ReadEvents,
                [("$tenant_id", tenantId), ("$twin_id", twinId), ("$after_version", range.AfterVersion), ("$tail", tail), ("$limit", limit)]);
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
                ("$tail", tail),
                ("$limit", limit),
            ]);
    }
}
