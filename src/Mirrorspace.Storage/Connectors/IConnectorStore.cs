using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Connectors;

/// <summary>
/// SFTP connectors and the ledger of the files they imported. Every call that touches tenant data
/// takes the tenant id and only ever sees that tenant's rows.
/// </summary>
public interface IConnectorStore
{
    /// <summary>Creates or migrates the schema. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates the connector, or replaces every setting of an existing one (its ledger stays). The
    /// credentials are sealed before they are stored; null keeps the stored ones of an existing
    /// connector (and is refused with <see cref="ArgumentException"/> for a new one).
    /// </summary>
    Task<ConnectorSaveOutcome> PutAsync(ConnectorRecord connector, ConnectorCredentials? credentials, CancellationToken cancellationToken);

    Task<ConnectorRecord?> GetAsync(string tenantId, string connectorId, CancellationToken cancellationToken);

    /// <summary>Opens the connector's sealed credentials; null when the connector does not exist.</summary>
    Task<ConnectorCredentials?> GetCredentialsAsync(string tenantId, string connectorId, CancellationToken cancellationToken);

    /// <summary>Ordered by connector id.</summary>
    Task<Page<ConnectorRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Removes the connector and its ledger; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string tenantId, string connectorId, CancellationToken cancellationToken);

    /// <summary>Every enabled connector of every tenant: for the node's scheduler only, never reachable through a tenant's API.</summary>
    Task<IReadOnlyList<ConnectorSchedule>> ListScheduledAsync(CancellationToken cancellationToken);

    /// <summary>The ledger entries of one remote file name (one per distinct content seen under that name).</summary>
    Task<IReadOnlyList<ImportedFileRecord>> GetImportedFilesAsync(string tenantId, string connectorId, string fileName, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a ledger entry, keyed by tenant, connector, file name and content hash.</summary>
    Task SaveImportedFileAsync(ImportedFileRecord file, CancellationToken cancellationToken);
}
