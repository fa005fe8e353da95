using Mirrorspace.Storage;

namespace Mirrorspace.Server.Hosting;

/// <summary>Creates or migrates the schema before the twin runtime starts.</summary>
internal sealed class StoreInitializer(ITwinSpaceStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
