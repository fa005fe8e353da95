using System.Security.Cryptography;
using System.Text.Json;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption;

namespace Mirrorspace.Storage.Connectors;

/// <summary>
/// Seals connector credentials with the tenant's current data key (AES-256-GCM through the key
/// ring), bound to tenant, kind <c>connector.credentials</c> and the connector id as associated
/// data: a sealed value copied to another tenant or another connector does not open.
/// </summary>
public sealed class KeyRingCredentialCipher(KeyRing keys) : IConnectorCredentialCipher
{
    public const string RecordKind = "connector.credentials";

    public async ValueTask<string> SealAsync(string tenantId, string connectorId, ConnectorCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var ring = await keys.GetTenantAsync(tenantId, 0, cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(credentials, ConnectorJsonContext.Default.ConnectorCredentials);
        return EncryptedText.Encrypt(ring, Context(tenantId, connectorId), json);
    }

    public async ValueTask<ConnectorCredentials> OpenAsync(string tenantId, string connectorId, string sealedCredentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sealedCredentials);
        var context = Context(tenantId, connectorId);
        if (!EncryptedText.TryGetTenantKeyVersion(sealedCredentials, out var version))
        {
            throw new CryptographicException($"The stored {RecordKind} of '{connectorId}' (tenant '{tenantId}') is not sealed with a tenant key.");
        }

        var ring = await keys.GetTenantAsync(tenantId, version, cancellationToken).ConfigureAwait(false);
        var json = EncryptedText.Decrypt(ring, context, sealedCredentials);
        return JsonSerializer.Deserialize(json, ConnectorJsonContext.Default.ConnectorCredentials)
            ?? throw new CryptographicException($"The stored {RecordKind} of '{connectorId}' (tenant '{tenantId}') is empty.");
    }

    private static RecordContext Context(string tenantId, string connectorId) => new(tenantId, RecordKind, connectorId);
}
