using System.Security.Cryptography;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Encryption;

/// <summary>The rewrap pass: moves a tenant's stored values and subject keys to the current key version.</summary>
public sealed partial class KeyRotation
{
    private const int SubjectKeyBatch = 200;

    /// <summary>
    /// Reseals every value of the tenant still under an older key version with the current one, in
    /// batches of <see cref="RewrapBatchSize"/> rows, each batch and the cursor in one transaction.
    /// An interrupted pass resumes after its last committed batch; a rotation since restarts it
    /// towards the new version. Subject keys are rewrapped first. Progress is reported after each batch.
    /// </summary>
    public async Task<RewrapProgress> RewrapAsync(string tenantId, IProgress<RewrapProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (await _store.GetPolicyAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ArgumentException($"Tenant '{tenantId}' has no keys.", nameof(tenantId));
        }

        var ring = await _keys.GetTenantAsync(tenantId, 0, cancellationToken).ConfigureAwait(false);
        var target = ring.Policy.CurrentVersion;
        await RewrapSubjectKeysAsync(ring, cancellationToken).ConfigureAwait(false);

        var cursor = await _records.GetCursorAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (cursor is null || cursor.TargetVersion != target)
        {
            cursor = new RewrapCursor(target, RewrapPosition.Start, 0, 0, 0);
        }

        var total = await _records.CountValuesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var report = Report(tenantId, cursor, total);
        progress?.Report(report);
        while (cursor.Position.Phase != RewrapPhase.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await _records.ReadAsync(tenantId, cursor.Position, RewrapBatchSize, cancellationToken).ConfigureAwait(false);
            var resealed = new List<RewrappedValue>();
            long unreadable = 0;
            foreach (var value in batch.Values)
            {
                // Subject envelopes need no rewrap: their keys were rewrapped above.
                if ((EncryptedText.TryGetTenantKeyVersion(value.Value, out var version) && version >= target) || EncryptedText.IsSubjectEnvelope(value.Value))
                {
                    continue;
                }

                try
                {
                    var context = EncryptedFields.Context(tenantId, value.Column, value.RowId, value.RowVersion);
                    resealed.Add(new RewrappedValue(value, EncryptedText.Reencrypt(ring, context, value.Value)));
                }
                catch (CryptographicException)
                {
                    // Retired or damaged: leave it as it is, and say so in the progress.
                    unreadable++;
                }
            }

            // A value the live writer replaced meanwhile is skipped by the source; it is under the current key already.
            cursor = cursor with
            {
                Position = batch.Next,
                Scanned = cursor.Scanned + batch.Values.Count,
                Rewritten = cursor.Rewritten + resealed.Count,
                Unreadable = cursor.Unreadable + unreadable,
            };
            await _records.WriteAsync(tenantId, resealed, cursor, cancellationToken).ConfigureAwait(false);
            report = Report(tenantId, cursor, total);
            progress?.Report(report);
        }

        return report;
    }

    private static RewrapProgress Report(string tenantId, RewrapCursor cursor, long total) =>
        new(tenantId, cursor.TargetVersion, cursor.Position.Phase, cursor.Scanned, Math.Max(total, cursor.Scanned), cursor.Rewritten, cursor.Unreadable);

    private async Task RewrapSubjectKeysAsync(TenantKeyRing ring, CancellationToken cancellationToken)
    {
        var target = ring.Policy.CurrentVersion;
        var after = string.Empty;
        while (true)
        {
            var batch = await _store.GetSubjectKeysWrappedBelowAsync(ring.TenantId, target, after, SubjectKeyBatch, cancellationToken)
                .ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var record in batch)
            {
                var version = record.TenantKeyVersion!.Value;
                DataKey wrappingKey;
                try
                {
                    wrappingKey = ring.GetDecryptionKey(version);
                }
                catch (KeyVersionRetiredException)
                {
                    continue;
                }

                using var key = KeyWrapping.UnwrapSubjectKey(wrappingKey, version, record.WrappedKey!, record.TenantId, record.SubjectId);
                var rewrapped = record with
                {
                    TenantKeyVersion = target,
                    WrappedKey = KeyWrapping.WrapSubjectKey(ring.CurrentKey, target, key, record.TenantId, record.SubjectId),
                };
                await _store.TryRewrapSubjectKeyAsync(rewrapped, version, cancellationToken).ConfigureAwait(false);
            }

            after = batch[^1].SubjectId;
        }
    }
}
