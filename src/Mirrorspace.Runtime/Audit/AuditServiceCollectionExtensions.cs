using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mirrorspace.Runtime.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audit log over an already registered <c>IAuditStore</c>. Register it before the
    /// Orleans silo: hosted services stop in reverse order, so the log outlives the grains that write to it.
    /// </summary>
    /// <param name="dataDirectory">The node's data directory, where the signing key and the signed head live.</param>
    public static IServiceCollection AddMirrorspaceAudit(this IServiceCollection services, Func<IServiceProvider, string> dataDirectory)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new AuditFiles(dataDirectory(sp)));
        services.AddSingleton<AuditLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        return services;
    }
}
