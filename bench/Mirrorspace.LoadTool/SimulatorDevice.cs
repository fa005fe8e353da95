using Mirrorspace.Simulation.Devices;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.LoadTool;

/// <summary>A device of <c>mirrorspace simulate</c> (MQTTnet's client) as a load device.</summary>
internal sealed class SimulatorDevice(SimulatedDevice device) : ILoadDevice
{
    public DeviceIdentity Identity => device.Identity;

    public Task<string?> ConnectAsync(CancellationToken cancellationToken) => device.ConnectAsync(cancellationToken);

    public Task RunAsync(double ratePerSecond, CancellationToken cancellationToken) => device.RunAsync(ratePerSecond, cancellationToken);

    public Task DisconnectAsync() => device.DisconnectAsync();

    public void Dispose() => device.Dispose();
}
