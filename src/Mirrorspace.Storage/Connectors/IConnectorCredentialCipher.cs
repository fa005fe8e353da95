namespace Mirrorspace.Storage.Connectors;

/// <summary>
/// Seals connector credentials before a store writes them and opens them when a connector connects.
/// A store gets one in its constructor and has no other way to turn credentials into text, so it
/// cannot write them in clear.
/// </summary>
public interface IConnectorCredentialCipher
{
    ValueTask<string> SealAsync(string tenantId, string connectorId, ConnectorCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> for a value sealed for another tenant or connector, or altered.</summary>
    ValueTask<ConnectorCredentials> OpenAsync(string tenantId, string connectorId, string sealedCredentials, CancellationToken cancellationToken);
}
