using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Simulation.Devices;

/// <summary>A simulated device that can open its MQTT session: null when connected, else why not.</summary>
public interface IConnectingDevice
{
    DeviceIdentity Identity { get; }

    Task<string?> ConnectAsync(CancellationToken cancellationToken);
}
