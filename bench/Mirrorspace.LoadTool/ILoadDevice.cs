using Mirrorspace.Simulation.Devices;

namespace Mirrorspace.LoadTool;

/// <summary>One device of a load run: connects once, then publishes at a rate (0: flat out) until cancelled.</summary>
internal interface ILoadDevice : IConnectingDevice, IDisposable
{
    Task RunAsync(double ratePerSecond, CancellationToken cancellationToken);

    Task DisconnectAsync();
}
