using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mirrorspace.Runtime.Connections;
using Mirrorspace.Runtime.History;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Storage;

namespace Mirrorspace.Runtime;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the twin runtime over already registered stores: <see cref="ITwinSpaceStore"/>,
    /// <c>IIntegrityStore</c>, <c>IDeviceStore</c> and the <c>IDeviceKeyCipher</c>.
    /// </summary>
    public static IServiceCollection AddMirrorspaceRuntime(this IServiceCollection services)
    {
        services.TryAddTimeProvider();
        services.AddOptions<TwinGrainOptions>().BindConfiguration("Mirrorspace:Twins").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GroupCommitOptions>().BindConfiguration("Mirrorspace:Storage:GroupCommit").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new GroupCommitWriter(sp.GetRequiredService<ITwinSpaceStore>(), sp.GetRequiredService<IOptions<GroupCommitOptions>>().Value));
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<TwinHistory>();
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeviceTrustBook>();
        services.AddSingleton<SyncWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncWatch>());
        services.AddSingleton<ReadingIngestion>();
        services.AddSingleton<DesiredStateFeed>();
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
