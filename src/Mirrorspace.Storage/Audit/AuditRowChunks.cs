using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Storage.Audit;

/// <summary>
/// Reads a range of the log in chunks on a background task, one chunk ahead of the consumer, so
/// reading rows and hashing them overlap. Leaving the enumeration early stops the reader.
/// </summary>
internal static class AuditRowChunks
{
    public const int ChunkSize = 4_096;

    public static async IAsyncEnumerable<ChainedAuditEntry[]> ReadAsync(
        IAuditStore store, long fromSequence, long toSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<ChainedAuditEntry[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ProduceAsync(store, fromSequence, toSequence, chunks.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }

            await reading.ConfigureAwait(false);
        }
        finally
        {
            // Stop the reader if the consumer left early, and wait for it without rethrowing: a read failure already surfaced.
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private static async Task ProduceAsync(
        IAuditStore store, long fromSequence, long toSequence, ChannelWriter<ChainedAuditEntry[]> writer, CancellationToken cancellationToken)
    {
        try
        {
            var chunk = new List<ChainedAuditEntry>(ChunkSize);
            await foreach (var row in store.ReadAsync(fromSequence, toSequence, cancellationToken).ConfigureAwait(false))
            {
                chunk.Add(row);
                if (chunk.Count == ChunkSize)
                {
                    await writer.WriteAsync([.. chunk], cancellationToken).ConfigureAwait(false);
                    chunk.Clear();
                }
            }

            if (chunk.Count > 0)
            {
                await writer.WriteAsync([.. chunk], cancellationToken).ConfigureAwait(false);
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
            throw;
        }
    }
}
