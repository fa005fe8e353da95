using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.LoadTool.Targets;

/// <summary>
/// A broker under load in its own process, with a credential per device and the CA its certificate
/// chains to. Disposing stops the process and removes its working directory.
/// </summary>
internal sealed class LoadTarget(
    string name, string description, BrokerAddress broker, CertificateAuthorityTrust trust, IReadOnlyList<DeviceIdentity> devices, ChildProcess process, string workDirectory)
    : IAsyncDisposable
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public BrokerAddress Broker { get; } = broker;

    public CertificateAuthorityTrust Trust { get; } = trust;

    public IReadOnlyList<DeviceIdentity> Devices { get; } = devices;

    /// <summary>CPU time the broker process has used so far.</summary>
    public TimeSpan CpuTime => process.CpuTime;

    public bool HasExited => process.HasExited;

    public string StandardError => process.StandardError;

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        if (Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }
}
