using Microsoft.Extensions.Options;
using Mirrorspace.Connectivity.Sftp;
using Mirrorspace.Storage.Connectors;
using Mirrorspace.Storage.Encryption;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Connectors;

namespace Mirrorspace.Server.Hosting;

/// <summary>Data connections of the node: SFTP connectors in the node's database, their credentials sealed with the tenants' keys.</summary>
internal static class ConnectorHosting
{
    public static IServiceCollection AddMirrorspaceConnectors(this IServiceCollection services)
    {
        // Created on first use, which is after the node has started: the key ring exists only from then on.
        services.AddSingleton<IConnectorStore>(sp => new SqliteConnectorStore(
            new SqliteStoreOptions { DatabasePath = sp.GetRequiredService<IOptions<NodeOptions>>().Value.DatabasePath },
            new KeyRingCredentialCipher(sp.GetRequiredService<KeyRing>())));
        services.AddSftpImport();
        return services;
    }
}
