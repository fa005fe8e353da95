using Mirrorspace.Storage.Integrity;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// Opens the sealed parts of quarantined readings and signals on the way out. They are sealed on the
/// way in by <see cref="EncryptingTwinSpaceStore"/>, as they are written through the group commit.
/// </summary>
public sealed class EncryptingIntegrityStore(IIntegrityStore inner, KeyRing keys) : IIntegrityStore, IAsyncDisposable
{
    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    public async Task<QuarantineRecord?> GetQuarantineAsync(string tenantId, string quarantineId, CancellationToken cancellationToken)
    {
        var stored = await inner.GetQuarantineAsync(tenantId, quarantineId, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await OpenAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<QuarantineRecord>> ListQuarantineAsync(
        string tenantId,
        string? twinId,
        QuarantineState? state,
        PageRequest page,
        CancellationToken cancellationToken)
    {
        var stored = await inner.ListQuarantineAsync(tenantId, twinId, state, page, cancellationToken).ConfigureAwait(false);
        var opened = new List<QuarantineRecord>(stored.Items.Count);
        foreach (var record in stored.Items)
        {
            opened.Add(await OpenAsync(record, cancellationToken).ConfigureAwait(false));
        }

        return new Page<QuarantineRecord>(opened, stored.NextAfter);
    }

    public async Task<IReadOnlyList<SignalRecord>> ListSignalsAsync(string tenantId, string twinId, long afterSignalId, int limit, CancellationToken cancellationToken)
    {
        var stored = await inner.ListSignalsAsync(tenantId, twinId, afterSignalId, limit, cancellationToken).ConfigureAwait(false);
        var opened = new List<SignalRecord>(stored.Count);
        foreach (var signal in stored)
        {
            var context = EncryptedFields.Context(signal.TenantId, EncryptedColumn.SignalDetail, signal.TwinId, signal.At.UtcTicks);
            var detail = await keys.OpenTextAsync(context, signal.Detail, cancellationToken).ConfigureAwait(false);
            opened.Add(signal with { Detail = detail ?? string.Empty });
        }

        return opened;
    }

    private async ValueTask<QuarantineRecord> OpenAsync(QuarantineRecord record, CancellationToken cancellationToken)
    {
        var context = EncryptedFields.Context(record.TenantId, EncryptedColumn.QuarantineDocument, record.QuarantineId, 0);
        var document = await keys.OpenTextAsync(context, record.Document, cancellationToken).ConfigureAwait(false);
        return document is null ? record with { Document = "{}", Erased = true } : record with { Document = document };
    }
}
