using Mirrorspace.Security.Audit;

namespace Mirrorspace.Runtime.Audit;

/// <summary>The single loop that owns the log's state: numbering, chaining, committing and signing.</summary>
public sealed partial class AuditLog
{
    private async Task RunAsync()
    {
        await Task.Yield();
        var group = new List<Work>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Queue order is kept: a checkpoint request ends the group, so it covers exactly what was recorded before it.
            Work? checkpointRequest = null;
            while (checkpointRequest is null && group.Count < _options.MaxBatchEntries && _queue.Reader.TryRead(out var work))
            {
                if (work.Record is null)
                {
                    checkpointRequest = work;
                }
                else
                {
                    group.Add(work);
                }
            }

            if (group.Count > 0)
            {
                await CommitAsync(group).ConfigureAwait(false);
                group.Clear();
            }

            if (checkpointRequest is not null)
            {
                _ = await StoreCheckpointAsync().ConfigureAwait(false)
                    ? checkpointRequest.Completion.TrySetResult(_state!.Size)
                    : checkpointRequest.Completion.TrySetException(new IOException("The audit checkpoint could not be stored."));
            }
        }

        await StoreCheckpointAsync().ConfigureAwait(false);
    }

    private async Task CommitAsync(List<Work> group)
    {
        var state = _state!;
        if (_faulted)
        {
            group.ForEach(w => w.Completion.TrySetException(new InvalidOperationException("The audit log refuses entries after a failed write; restart the node.")));
            return;
        }

        var now = _clock.GetUtcNow();
        var entries = new ChainedAuditEntry[group.Count];
        var leaves = new byte[group.Count][];
        var previous = state.ChainHead;
        for (var i = 0; i < group.Count; i++)
        {
            var entry = AuditRecords.ToEntry(group[i].Record!, state.Size + 1 + i, now);
            var canonical = entry.ToCanonicalBytes();
            entries[i] = new ChainedAuditEntry(entry, AuditChain.Next(previous, canonical));
            leaves[i] = MerkleTree.LeafHash(canonical);
            previous = entries[i].Hash;
        }

        try
        {
            await _store.AppendAsync(entries, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            AuditLogMessages.AppendFailed(_logger, ex, group.Count);
            group.ForEach(w => w.Completion.TrySetException(ex));
            await CheckStoreUnchangedAsync(state.Size).ConfigureAwait(false);
            return;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            state.Append(entries[i].Hash, leaves[i]);
        }

        if (WriteHead() && state.Size - state.LastCheckpointSize >= _options.CheckpointEvery)
        {
            await StoreCheckpointAsync().ConfigureAwait(false);
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Completion.TrySetResult(entries[i].Sequence);
        }
    }

    /// <summary>Signs a head over the whole log and replaces the head file; false (logged) when the file cannot be written.</summary>
    private bool WriteHead()
    {
        var state = _state!;
        var head = Checkpoint.Sign(state.Size, state.Tree.Root(), state.ChainHead, _clock.GetUtcNow(), _key!);
        try
        {
            AuditHeadFile.Write(_files.HeadPath, new SignedHead(head, state.Tree.Subtrees));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AuditLogMessages.HeadWriteFailed(_logger, ex, state.Size);
            return false;
        }

        state.Head = head;
        _head = head;
        return true;
    }

    /// <summary>
    /// Stores the current head as a checkpoint when it covers entries no stored checkpoint does.
    /// The head file is written first, so it is never older than the newest stored checkpoint.
    /// </summary>
    private async Task<bool> StoreCheckpointAsync()
    {
        var state = _state!;
        if (state.Size == state.LastCheckpointSize)
        {
            return true;
        }

        if (state.Head?.TreeSize != state.Size && !WriteHead())
        {
            return false;
        }

        try
        {
            await _store.AddCheckpointAsync(state.Head!, CancellationToken.None).ConfigureAwait(false);
            state.LastCheckpointSize = state.Size;
            AuditLogMessages.CheckpointStored(_logger, state.Size);
            return true;
        }
        catch (Exception ex)
        {
            AuditLogMessages.CheckpointFailed(_logger, ex, state.Size);
            return false;
        }
    }

    /// <summary>After a failed append: if the store moved anyway, the in-memory chain no longer matches it.</summary>
    private async Task CheckStoreUnchangedAsync(long expectedSize)
    {
        try
        {
            _faulted = await _store.CountAsync(CancellationToken.None).ConfigureAwait(false) != expectedSize;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _faulted = true;
        }

        if (_faulted)
        {
            AuditLogMessages.Faulted(_logger);
        }
    }
}
