using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mirrorspace.Connectivity.Sftp.Import;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Connectors;

namespace Mirrorspace.Connectivity.Sftp.Tests.Testing;

/// <summary>A runner on the node's own services whose readings pass through a sink the test controls.</summary>
internal static class RunnerWith
{
    public static ConnectorRunner Sink(SftpNode node, Func<ReadingIngestion, IReadingSink> sink)
    {
        var services = node.Services;
        return new ConnectorRunner(
            services.GetRequiredService<IConnectorStore>(),
            services.GetRequiredService<ITwinSpaceStore>(),
            sink(services.GetRequiredService<ReadingIngestion>()),
            services.GetRequiredService<AuditLog>(),
            services.GetRequiredService<IOptions<SftpImportOptions>>(),
            TimeProvider.System,
            NullLogger.Instance);
    }
}
