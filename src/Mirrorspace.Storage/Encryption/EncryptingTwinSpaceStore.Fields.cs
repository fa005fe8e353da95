using System.Security.Cryptography;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Encryption;

/// <summary>Sealing and opening of each record's encrypted fields.</summary>
public sealed partial class EncryptingTwinSpaceStore
{
    private async ValueTask<TwinWrite> SealAsync(TwinWrite write, CancellationToken cancellationToken)
    {
        switch (write)
        {
            case AppendEvent append:
                var e = append.Event;
                var ring = await _keys.GetTenantAsync(append.TenantId, 0, cancellationToken).ConfigureAwait(false);
                var payloadContext = Context(append.TenantId, EncryptedColumn.EventPayload, append.TwinId, e.Version);
                return append with
                {
                    Event = e with
                    {
                        Payload = append.SubjectId is { } subject
                            ? await SealForSubjectAsync(payloadContext, subject, e.Payload, cancellationToken).ConfigureAwait(false)
                            : EncryptedText.Encrypt(ring, payloadContext, e.Payload),
                        Source = EncryptedText.Encrypt(ring, Context(append.TenantId, EncryptedColumn.EventSource, append.TwinId, e.Version), e.Source),
                    },
                };
            case UpsertTwin { Twin: var twin } upsert:
                var snapshot = upsert.SubjectId is { } owner
                    ? await SealForSubjectAsync(Context(twin.TenantId, EncryptedColumn.TwinSnapshot, twin.TwinId, twin.Version), owner, twin.Snapshot, cancellationToken).ConfigureAwait(false)
                    : await SealAsync(twin.TenantId, EncryptedColumn.TwinSnapshot, twin.TwinId, twin.Version, twin.Snapshot, cancellationToken).ConfigureAwait(false);
                return upsert with { Twin = twin with { Snapshot = snapshot } };
            case PutRelationship or RemoveRelationship or RemoveAllRelationships:
                // Relationships are identifiers and a time only: the inner store needs them for lookups.
                return write;
            case null:
                throw new ArgumentException("A write list must not contain null.", nameof(write));
            default:
                // An unknown write may carry values: refuse it rather than pass them through in clear.
                throw new NotSupportedException($"The encrypting store does not know how to seal {write.GetType().Name}.");
        }
    }

    private async ValueTask<string> SealAsync(
        string tenantId,
        EncryptedColumn column,
        string rowId,
        long rowVersion,
        string plaintext,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var ring = await _keys.GetTenantAsync(tenantId, 0, cancellationToken).ConfigureAwait(false);
        return EncryptedText.Encrypt(ring, Context(tenantId, column, rowId, rowVersion), plaintext);
    }

    private async ValueTask<string> SealForSubjectAsync(Security.Crypto.RecordContext context, string subjectId, string plaintext, CancellationToken cancellationToken)
    {
        var envelope = await _keys.EncryptForSubjectAsync(context, subjectId, System.Text.Encoding.UTF8.GetBytes(plaintext), cancellationToken).ConfigureAwait(false);
        return EncryptedText.FromEnvelope(envelope);
    }

    /// <summary>Opens a value sealed with a subject's key; null when the subject has been erased.</summary>
    private async ValueTask<string?> OpenSubjectValueAsync(Security.Crypto.RecordContext context, string stored, CancellationToken cancellationToken)
    {
        var result = await _keys.DecryptAsync(context, EncryptedText.ToEnvelope(context, stored), cancellationToken).ConfigureAwait(false);
        return result.TryGetPlaintext(out var plaintext) ? System.Text.Encoding.UTF8.GetString(plaintext) : null;
    }

    private async ValueTask<string> OpenAsync(
        string tenantId,
        EncryptedColumn column,
        string rowId,
        long rowVersion,
        string stored,
        CancellationToken cancellationToken)
    {
        var context = Context(tenantId, column, rowId, rowVersion);
        if (!EncryptedText.TryGetTenantKeyVersion(stored, out var version))
        {
            // Refused before the key ring is asked, so a stray clear value never even creates a key.
            throw new CryptographicException(
                $"The stored {context.Kind} of '{context.RecordId}' (tenant '{tenantId}') is not encrypted with a tenant key.");
        }

        var ring = await _keys.GetTenantAsync(tenantId, version, cancellationToken).ConfigureAwait(false);
        return EncryptedText.Decrypt(ring, context, stored);
    }

    private async ValueTask<TenantRecord> OpenAsync(TenantRecord tenant, CancellationToken cancellationToken) =>
        tenant with { Name = await OpenAsync(tenant.Id, EncryptedColumn.TenantName, tenant.Id, 0, tenant.Name, cancellationToken).ConfigureAwait(false) };

    private async ValueTask<StoredModel> OpenAsync(StoredModel model, CancellationToken cancellationToken) =>
        model with
        {
            Document = await OpenAsync(model.TenantId, EncryptedColumn.ModelDocument, model.ModelId, model.Version, model.Document, cancellationToken)
                .ConfigureAwait(false),
        };

    private async ValueTask<TwinRecord> OpenAsync(TwinRecord twin, CancellationToken cancellationToken)
    {
        if (EncryptedText.IsSubjectEnvelope(twin.Snapshot))
        {
            var context = Context(twin.TenantId, EncryptedColumn.TwinSnapshot, twin.TwinId, twin.Version);
            var opened = await OpenSubjectValueAsync(context, twin.Snapshot, cancellationToken).ConfigureAwait(false);
            return opened is null ? twin with { Snapshot = string.Empty, SnapshotErased = true } : twin with { Snapshot = opened };
        }

        return twin with
        {
            Snapshot = await OpenAsync(twin.TenantId, EncryptedColumn.TwinSnapshot, twin.TwinId, twin.Version, twin.Snapshot, cancellationToken)
                .ConfigureAwait(false),
        };
    }

    private async ValueTask<TwinEvent> OpenAsync(string tenantId, string twinId, TwinEvent twinEvent, CancellationToken cancellationToken)
    {
        var source = await OpenAsync(tenantId, EncryptedColumn.EventSource, twinId, twinEvent.Version, twinEvent.Source, cancellationToken).ConfigureAwait(false);
        if (EncryptedText.IsSubjectEnvelope(twinEvent.Payload))
        {
            var context = Context(tenantId, EncryptedColumn.EventPayload, twinId, twinEvent.Version);
            var payload = await OpenSubjectValueAsync(context, twinEvent.Payload, cancellationToken).ConfigureAwait(false);
            return payload is null
                ? twinEvent with { Payload = "{}", Source = source, Erased = true }
                : twinEvent with { Payload = payload, Source = source };
        }

        return twinEvent with
        {
            Payload = await OpenAsync(tenantId, EncryptedColumn.EventPayload, twinId, twinEvent.Version, twinEvent.Payload, cancellationToken)
                .ConfigureAwait(false),
            Source = source,
        };
    }

    private static Security.Crypto.RecordContext Context(string tenantId, EncryptedColumn column, string rowId, long rowVersion) =>
        EncryptedFields.Context(tenantId, column, rowId, rowVersion);
}
