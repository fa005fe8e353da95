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
            case HoldReading { Held: var held } hold:
                var documentContext = Context(held.TenantId, EncryptedColumn.QuarantineDocument, held.QuarantineId, 0);
                var document = hold.SubjectId is { } holder
                    ? await SealForSubjectAsync(documentContext, holder, held.Document, cancellationToken).ConfigureAwait(false)
                    : await SealAsync(held.TenantId, EncryptedColumn.QuarantineDocument, held.QuarantineId, 0, held.Document, cancellationToken).ConfigureAwait(false);
                return hold with { Held = held with { Document = document } };
            case RecordSignal { Signal: var signal } record:
                var detail = await SealAsync(signal.TenantId, EncryptedColumn.SignalDetail, signal.TwinId, signal.At.UtcTicks, signal.Detail, cancellationToken)
                    .ConfigureAwait(false);
                return record with { Signal = signal with { Detail = detail } };
            case PutRelationship or RemoveRelationship or RemoveAllRelationships or DecideQuarantine or RecordDeviceReading:
                // Identifiers, states, numbers and times only: the inner store needs them in clear.
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
    private ValueTask<string?> OpenSubjectValueAsync(Security.Crypto.RecordContext context, string stored, CancellationToken cancellationToken) =>
        _keys.OpenTextAsync(context, stored, cancellationToken);

    private async ValueTask<string> OpenAsync(
        string tenantId,
        EncryptedColumn column,
        string rowId,
        long rowVersion,
        string stored,
        CancellationToken cancellationToken) =>
        await _keys.OpenTextAsync(Context(tenantId, column, rowId, rowVersion), stored, cancellationToken).ConfigureAwait(false)
            ?? throw new CryptographicException($"The stored {column} of '{rowId}' (tenant '{tenantId}') is sealed with a data subject's key.");

    private async ValueTask<TenantRecord> OpenAsync(TenantRecord tenant, CancellationToken cancellationToken) =>
        tenant with { Name = await OpenAsync(tenant.Id, EncryptedColumn.TenantName, tenant.Id, 0, tenant.Name, cancellationToken).ConfigureAwait(false) };

    private async ValueTask<ApiKeyRecord> OpenAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        key.Description is null
            ? key
            : key with
            {
                Description = await OpenAsync(key.TenantId, EncryptedColumn.ApiKeyDescription, key.KeyId, 0, key.Description, cancellationToken)
                    .ConfigureAwait(false),
            };

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
