using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Sqlite.History;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>
/// Reads a twin's history: its chunks in the indexed history, streamed in version order, merged
/// with its rows still in the event log, both read in one snapshot.
/// </summary>
internal static class EventQueries
{
    /// <summary>
    /// Streams events in version order, holding one connection until enumeration ends.
    /// <paramref name="tailSeqs"/> lists the twin's unindexed log rows; it is called when enumeration
    /// starts, before the reads take their snapshot, so every event acknowledged by then is read.
    /// The indexer moves rows from the log into chunks in one transaction, so in the snapshot every
    /// event is in exactly one of the two: none is read twice or missed.
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
            var from = range.From is { } f ? Ticks.From(f) : long.MinValue;
            var to = range.To is { } t ? Ticks.From(t) : long.MaxValue;
            var limit = range.Limit ?? int.MaxValue;

            // Deferred: the snapshot starts with the first read and holds for both.
            var transaction = connection.BeginTransaction(deferred: true);
            await using (transaction.ConfigureAwait(false))
            {
                var logged = await ReadLoggedAsync(connection, transaction, tenantId, twinId, range.AfterVersion, from, to, tail, limit, cancellationToken)
                    .ConfigureAwait(false);

                var next = 0;
                var yielded = 0;
                var chunks = SqliteQuery.Create(
                    connection,
                    SqlScripts.ReadChunks,
                    [("$tenant_id", tenantId), ("$twin_id", twinId), ("$after_version", range.AfterVersion), ("$from", from), ("$to", to)]);
                await using (chunks.ConfigureAwait(false))
                {
                    chunks.Transaction = transaction;
                    var reader = await chunks.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (yielded < limit && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            foreach (var e in HistoryChunk.Decode(reader.GetFieldValue<byte[]>(0), range.AfterVersion, from, to))
                            {
                                // Log rows are few and sorted: those below this event go first.
                                for (; next < logged.Count && logged[next].Version < e.Version && yielded < limit; next++, yielded++)
                                {
                                    yield return logged[next];
                                }

                                if (yielded == limit)
                                {
                                    break;
                                }

                                yielded++;
                                yield return e;
                            }
                        }
                    }
                }

                for (; next < logged.Count && yielded < limit; next++, yielded++)
                {
                    yield return logged[next];
                }
            }
        }
    }

    private static async Task<List<TwinEvent>> ReadLoggedAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string tenantId,
        string twinId,
        long afterVersion,
        long from,
        long to,
        long[] tail,
        int limit,
        CancellationToken cancellationToken)
    {
        var command = SqliteQuery.Create(
            connection,
            SqlScripts.ReadLogEvents,
            [
                ("$tenant_id", tenantId),
                ("$twin_id", twinId),
                ("$after_version", afterVersion),
                ("$from", from),
                ("$to", to),
                ("$tail", $"[{string.Join(',', tail.Select(seq => seq.ToString(CultureInfo.InvariantCulture)))}]"),
                ("$limit", limit),
            ]);
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var events = new List<TwinEvent>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    events.Add(Rows.Event(reader));
                }

                return events;
            }
        }
    }
}
