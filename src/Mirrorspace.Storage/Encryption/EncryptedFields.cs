using System.Globalization;
using Mirrorspace.Security.Crypto;

namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// The associated data of each encrypted field: one place, used by the store decorator to seal and
/// open values and by the rewrap pass to reseal them, so the two can never disagree.
/// </summary>
public static class EncryptedFields
{
    /// <param name="tenantId">The owning tenant.</param>
    /// <param name="column">Which field.</param>
    /// <param name="rowId">Tenant id, key id, model id, twin id, quarantine id, device id or username.</param>
    /// <param name="rowVersion">Model version, twin (snapshot) version, event version or a signal's time in ticks; ignored for tenants, keys and quarantine.</param>
    public static RecordContext Context(string tenantId, EncryptedColumn column, string rowId, long rowVersion) => column switch
    {
        EncryptedColumn.TenantName => new(tenantId, "tenant.name", rowId),
        EncryptedColumn.ApiKeyDescription => new(tenantId, "api-key.description", rowId),
        EncryptedColumn.ModelDocument => new(tenantId, "model.document", Versioned(rowId, rowVersion)),
        EncryptedColumn.TwinSnapshot => new(tenantId, "twin.snapshot", Versioned(rowId, rowVersion)),
        EncryptedColumn.EventPayload => new(tenantId, "event.payload", Versioned(rowId, rowVersion)),
        EncryptedColumn.EventSource => new(tenantId, "event.source", Versioned(rowId, rowVersion)),
        EncryptedColumn.QuarantineDocument => new(tenantId, "quarantine.document", rowId),
        EncryptedColumn.SignalDetail => new(tenantId, "signal.detail", Versioned(rowId, rowVersion)),
        EncryptedColumn.DeviceSigningKey => new(tenantId, Devices.KeyRingDeviceKeyCipher.RecordKind, rowId),
        EncryptedColumn.UserTotpSecret => new(tenantId, Users.KeyRingTotpSecretCipher.RecordKind, rowId),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Unknown encrypted column."),
    };

    // Ids never contain '/' (Identifiers), and the version is the last segment anyway, so the id is unambiguous.
    private static string Versioned(string rowId, long version) => string.Create(CultureInfo.InvariantCulture, $"{rowId}/{version}");
}
