using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Connectivity.Sftp.Import;
using Mirrorspace.Connectivity.Sftp.Scheduling;

namespace Mirrorspace.Connectivity.Sftp;

public static class SftpServiceCollectionExtensions
{
    /// <summary>
    /// Registers SFTP batch import (the runner and the scheduler) over an already registered
    /// <c>IConnectorStore</c>, the twin runtime and the audit log. Settings: <see cref="SftpImportOptions.Section"/>.
    /// </summary>
    public static IServiceCollection AddSftpImport(this IServiceCollection services)
    {
        services.AddOptions<SftpImportOptions>().BindConfiguration(SftpImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConnectorRunner>();
        services.AddHostedService<ConnectorScheduler>();
        return services;
    }
}
